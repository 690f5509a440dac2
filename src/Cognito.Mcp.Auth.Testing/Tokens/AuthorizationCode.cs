namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>An issued authorization code and what /authorize asked for; valid 5 minutes, once.</summary>
internal sealed record AuthorizationCode(
    string ClientId,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    SignInEvent SignIn,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? Nonce,
    string? Resource,
    DateTimeOffset ExpiresAt);
