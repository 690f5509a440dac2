namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// What one of the bridge's refresh tokens stands for: the client it was issued to and Cognito's refresh token, which
/// never leaves the server. Every use rotates the bridge's token; <see cref="FamilyId"/> ties the rotations together.
/// </summary>
internal sealed record RefreshTokenRecord(
    string ClientId,
    string[] Scopes,
    string? Resource,
    string UpstreamRefreshToken,
    string FamilyId,
    DateTimeOffset ExpiresAt);
