namespace Cognito.Mcp.Auth.Client;

/// <summary>
/// A lock shared by every process that shares the token cache (e.g. a Redis <c>SET NX PX</c>), so that processes
/// starting cold at once make one token request between them instead of one each. Register one implementation as a
/// singleton (<c>AddCognitoTokenRedisLock()</c> from the <c>Cognito.Mcp.Auth.StackExchangeRedis</c> package); without
/// one, each process requests its own token on a miss.
/// </summary>
/// <remarks>
/// The token client never lets the lock fail or hold up a call: when <see cref="TryAcquireAsync"/> throws, the client
/// requests a token at once; when another process holds the lock, it waits at most
/// <see cref="CognitoTokenClientOptions.LockWaitTimeout"/> for that process's token to appear in the distributed
/// cache, then requests its own.
/// </remarks>
public interface ICognitoTokenRequestLock
{
    /// <summary>
    /// Tries once, without waiting, to take the lock named <paramref name="key"/> (a token cache key). The lock must
    /// expire by itself after a lease, so a process that dies while holding it blocks nobody for long.
    /// </summary>
    /// <param name="key">The cache key of the token about to be requested.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>
    /// A handle that releases the lock when disposed (only if it is still this holder's), or <see langword="null"/>
    /// when another process holds it.
    /// </returns>
    /// <exception cref="Exception">Any exception means the lock cannot be reached; the client then does without it.</exception>
    ValueTask<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken cancellationToken);
}
