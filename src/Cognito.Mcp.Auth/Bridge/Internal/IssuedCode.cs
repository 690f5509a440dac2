namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// A one-time code handed to a client, bound to its client id, redirect URI and PKCE challenge, and the Cognito tokens
/// it stands for. <see cref="FamilyId"/> names the refresh tokens that descend from it, so a replayed code can revoke them.
/// </summary>
internal sealed record IssuedCode(
    string ClientId,
    string RedirectUri,
    string CodeChallenge,
    string[] Scopes,
    string? Resource,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string? UpstreamRefreshToken,
    string FamilyId,
    DateTimeOffset ExpiresAt);
