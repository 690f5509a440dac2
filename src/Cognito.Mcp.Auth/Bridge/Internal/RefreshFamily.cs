namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// The refresh tokens descended from one authorization: the one now valid, and Cognito's refresh token to revoke when
/// an old one (or the code) is presented again — a sign that a token leaked (RFC 9700 section 4.14.2).
/// </summary>
internal sealed record RefreshFamily(string? CurrentRefreshToken, string UpstreamRefreshToken, DateTimeOffset ExpiresAt);
