namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Cognito's answer to the bridge: tokens, or an OAuth error code to pass on. <see cref="Error"/> is one of RFC 6749's
/// codes, never Cognito's description (which could say more than a client should know).
/// </summary>
internal sealed record UpstreamTokens(string? AccessToken, TimeSpan ExpiresIn, string? RefreshToken, string? Error)
{
    public static UpstreamTokens Failed(string error) => new(null, TimeSpan.Zero, null, error);
}
