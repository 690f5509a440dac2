using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Makes processes that share the distributed cache request a token once between them: the one that takes the
/// <see cref="ICognitoTokenRequestLock"/> requests it (after reading the cache again, in case another process has just
/// finished), the others read the distributed cache every <see cref="PollInterval"/> until the token is there, the lock
/// is free (then one of them takes it) or the wait is over (then they request their own). A lock that cannot be reached
/// is done without: the token is requested at once, and one warning is logged when it becomes unreachable (Debug
/// events while it stays so, not one warning per call), then an Information event when it is back. One per container,
/// shared by every token client.
/// </summary>
/// <remarks>The lock is optional (a default of null for the container): only AddCognitoTokenRedisLock() or the application registers one.</remarks>
internal sealed class TokenRequestLockGate(TimeProvider timeProvider, ILoggerFactory loggerFactory, ICognitoTokenRequestLock? requestLock = null)
{
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ILogger _logger = loggerFactory.CreateLogger("Cognito.Mcp.Auth.Client.CognitoTokenClient");
    private readonly Lock _state = new();
    private bool _unavailable;

    public async Task<CachedToken> RunAsync(
        TokenRequest request,
        Func<CancellationToken, Task<CachedToken?>> readShared,
        Func<CachedToken?, bool> usable,
        Func<CancellationToken, Task<CachedToken>> requestToken,
        CancellationToken cancellationToken)
    {
        if (requestLock is null)
        {
            return await requestToken(cancellationToken);
        }

        var started = timeProvider.GetTimestamp();
        while (true)
        {
            IAsyncDisposable? held;
            try
            {
                held = await requestLock.TryAcquireAsync(request.Key, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Unavailable(request.ClientName, exception);
                return await requestToken(cancellationToken);
            }

            Available();
            if (held is not null)
            {
                try
                {
                    // Another process may have stored the token between our last look and taking the lock.
                    var shared = await readShared(cancellationToken);
                    return usable(shared) ? shared! : await requestToken(cancellationToken);
                }
                finally
                {
                    await ReleaseAsync(held, request.ClientName);
                }
            }

            var waited = timeProvider.GetElapsedTime(started);
            if (waited >= request.Wait)
            {
                if (request.Wait > TimeSpan.Zero)
                {
                    TokenClientLog.LockWaitTimedOut(_logger, request.ClientName, request.Scope, request.Wait);
                }

                return await requestToken(cancellationToken);
            }

            if (waited == TimeSpan.Zero)
            {
                TokenClientLog.WaitingForOtherProcess(_logger, request.ClientName, request.Scope, request.Wait);
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken);
            var fromOther = await readShared(cancellationToken);
            if (usable(fromOther))
            {
                TokenClientLog.TokenFromOtherProcess(_logger, request.ClientName, request.Scope);
                return fromOther!;
            }
        }
    }

    private async Task ReleaseAsync(IAsyncDisposable held, string clientName)
    {
        try
        {
            await held.DisposeAsync();
        }
        catch (Exception exception)
        {
            // The lock expires by itself at the end of its lease.
            Unavailable(clientName, exception);
        }
    }

    private void Unavailable(string clientName, Exception exception)
    {
        bool warn;
        lock (_state)
        {
            warn = !_unavailable;
            _unavailable = true;
        }

        if (warn)
        {
            TokenClientLog.LockUnavailable(_logger, clientName, exception.GetType().Name);
        }
        else
        {
            TokenClientLog.LockStillUnavailable(_logger, clientName, exception.GetType().Name);
        }
    }

    private void Available()
    {
        if (!Volatile.Read(ref _unavailable))
        {
            return;
        }

        lock (_state)
        {
            if (!_unavailable)
            {
                return;
            }

            _unavailable = false;
        }

        TokenClientLog.LockAvailableAgain(_logger);
    }

    /// <summary>Who waits for which token, and for how long at most.</summary>
    internal readonly record struct TokenRequest(string ClientName, string Scope, string Key, TimeSpan Wait);
}
