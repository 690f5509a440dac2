using System.Collections.Concurrent;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// A pool's short-lived OAuth state: authorization codes, refresh tokens, managed-login sessions and revoked
/// sign-ins. Thread-safe; codes and refresh tokens are removed atomically so each is redeemed once.
/// </summary>
internal sealed class PoolSessions
{
    public ConcurrentDictionary<string, AuthorizationCode> Codes { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, RefreshGrant> RefreshTokens { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, LoginSession> Logins { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, byte> RevokedOriginJtis { get; } = new(StringComparer.Ordinal);
}
