namespace Cognito.Mcp.Auth.Client;

/// <summary>
/// Options of the Redis token request lock (<c>AddCognitoTokenRedisLock()</c>). The Redis server, the connection and
/// the key prefix are those of the application's Redis cache (<c>AddStackExchangeRedisCache</c>), so the lock always
/// lives beside the tokens it guards.
/// </summary>
public sealed class CognitoTokenRedisLockOptions
{
    /// <summary>
    /// Gets or sets how long the lock is held at most: it expires by itself after this time, so a process that dies
    /// while requesting a token holds up no other for longer. Default 30 seconds, longer than a token request with its
    /// retries normally takes; the other processes stop waiting after <c>Cognito:LockWaitTimeout</c> anyway.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
}
