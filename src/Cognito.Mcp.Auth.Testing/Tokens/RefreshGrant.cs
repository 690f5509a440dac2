namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>What an opaque refresh token stands for.</summary>
internal sealed record RefreshGrant(string ClientId, IReadOnlyList<string> Scopes, SignInEvent SignIn, string? Resource, DateTimeOffset ExpiresAt);
