namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>The managed-login session cookie's value: who signed in on the domain, until when.</summary>
internal sealed record LoginSession(LocalUser User, DateTimeOffset AuthTime, DateTimeOffset ExpiresAt);
