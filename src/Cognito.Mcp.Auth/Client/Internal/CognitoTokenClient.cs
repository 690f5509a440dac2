using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// One named token client. Tokens live in <see cref="HybridCache"/> (memory, plus the application's distributed cache
/// if it has one) together with the instant they count as expiring, so refreshing early is decided by our
/// <see cref="TimeProvider"/>, which HybridCache's own expiry knows nothing of. A miss or an expiring entry starts one
/// shared request per key (<see cref="SingleFlight{T}"/>); the shared request checks the cache again before calling
/// Cognito, so a caller that arrives just after a refresh does not cause another one; with an
/// <see cref="ICognitoTokenRequestLock"/>, so do processes sharing the distributed cache (<see cref="TokenRequestLockGate"/>).
/// Nothing is written on failure.
/// </summary>
/// <remarks>
/// HybridCache's stampede protection does serve the cache reads (concurrent misses share one distributed-cache read).
/// It does not run the refresh, which must pass over entries HybridCache still holds as fresh anyway: for a caller with a
/// cancellable token it runs the factory without the caller's execution context, and the token request's span would
/// lose its parent.
/// </remarks>
internal sealed class CognitoTokenClient(
    string name,
    IOptionsMonitor<CognitoTokenClientOptions> optionsMonitor,
    HybridCache cache,
    TokenEndpointResolver endpointResolver,
    TokenEndpointRequester requester,
    TimeProvider timeProvider,
    TokenClientTelemetry telemetry,
    TokenRequestLockGate lockGate,
    ILogger logger) : ICognitoTokenClient
{
    // Reads the cache without ever calling a factory or writing to the distributed cache.
    private static readonly HybridCacheEntryOptions Peek = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    // Reads only the distributed cache: another instance of the fleet may have refreshed the token already.
    private static readonly HybridCacheEntryOptions PeekShared = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableDistributedCacheWrite
            | HybridCacheEntryFlags.DisableLocalCacheRead,
    };

    private readonly SingleFlight<CachedToken> _flights = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RenewalBackoff> _renewals = new(StringComparer.Ordinal);

    public string Name => name;

    public async Task<CognitoAccessToken> GetTokenAsync(IEnumerable<string>? scopes = null, CancellationToken cancellationToken = default)
    {
        var (key, scope) = KeyFor(scopes);
        var cached = await ReadAsync(key, Peek, cancellationToken);
        if (IsFresh(cached))
        {
            TokenClientLog.CacheHit(logger, name, scope, cached.ExpiresAt);
            telemetry.CacheHit(name);
            return cached.ToAccessToken();
        }

        TokenClientLog.CacheMiss(logger, name, scope, cached is null ? "absent" : "expiring");
        telemetry.CacheMiss(name);
        var token = await _flights.RunAsync(key, ct => RefreshAsync(key, scope, rejectedToken: null, force: false, ct), cancellationToken);
        return token.ToAccessToken();
    }

    public async Task<CognitoAccessToken> RenewTokenAsync(
        IEnumerable<string>? scopes = null, CognitoAccessToken? rejectedToken = null, CancellationToken cancellationToken = default)
    {
        var (key, scope) = KeyFor(scopes);
        var renewal = _renewals.GetOrAdd(key, static _ => new RenewalBackoff());
        if (!renewal.MayRenew(rejectedToken?.Value, timeProvider.GetUtcNow(), out var backoff, out var until))
        {
            if (backoff is { } started)
            {
                TokenClientLog.RenewedTokenRefused(logger, name, scope, started);
            }

            // A fresh token was refused too: renewing again would only bill another Cognito request. Answer with the
            // cached token, so the caller sees the resource server's refusal.
            TokenClientLog.RenewalBackingOff(logger, name, scope, until);
            return await GetTokenAsync(scopes, cancellationToken);
        }

        TokenClientLog.Renewing(logger, name, scope);
        var token = await _flights.RunAsync(
            key + "\n(renew)",
            ct => RefreshAsync(key, scope, rejectedToken?.Value, force: true, ct),
            cancellationToken);
        renewal.Renewed(token.AccessToken, timeProvider.GetUtcNow());
        return token.ToAccessToken();
    }

    private async Task<CachedToken> RefreshAsync(string key, string scope, string? rejectedToken, bool force, CancellationToken cancellationToken)
    {
        var cached = await ReadAsync(key, Peek, cancellationToken);
        if (!IsFresh(cached))
        {
            cached = await ReadAsync(key, PeekShared, cancellationToken);
        }

        if (IsUsable(cached, rejectedToken, force))
        {
            if (force)
            {
                TokenClientLog.AlreadyRenewed(logger, name, scope);
            }

            return cached;
        }

        // With a token request lock, processes that share the distributed cache request this token once between them.
        return await lockGate.RunAsync(
            new TokenRequestLockGate.TokenRequest(name, scope, key, optionsMonitor.Get(name).LockWaitTimeout),
            ct => ReadAsync(key, PeekShared, ct),
            shared => IsUsable(shared, rejectedToken, force),
            ct => RequestAsync(key, scope, ct),
            cancellationToken);
    }

    private bool IsUsable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] CachedToken? cached, string? rejectedToken, bool force) =>
        IsFresh(cached) && (!force || (rejectedToken is not null && !string.Equals(cached.AccessToken, rejectedToken, StringComparison.Ordinal)));

    private async Task<CachedToken?> ReadAsync(string key, HybridCacheEntryOptions peek, CancellationToken cancellationToken)
    {
        var cached = await cache.GetOrCreateAsync<CachedToken?>(key, static _ => default, peek, cancellationToken: cancellationToken);
        if (cached is null || string.Equals(cached.CacheKey, key, StringComparison.Ordinal))
        {
            return cached;
        }

        // An entry stored for another key (copied there in the distributed cache) counts as a miss.
        TokenClientLog.SharedTokenForOtherKey(logger, key);
        return null;
    }

    private async Task<CachedToken> RequestAsync(string key, string scope, CancellationToken cancellationToken)
    {
        // Read the options again: a rotated secret is used from the very next request.
        var options = optionsMonitor.Get(name);
        var endpoint = await endpointResolver.ResolveAsync(name, options, cancellationToken);
        var requestedAt = timeProvider.GetUtcNow();
        var response = await requester.RequestAsync(name, options, endpoint, scope, cancellationToken);

        // Cognito always sends expires_in; were it missing, assume its default access token lifetime of one hour.
        var lifetime = response.ExpiresIn is { } expiresIn && expiresIn > TimeSpan.Zero ? expiresIn : TimeSpan.FromHours(1);
        var buffer = options.RefreshBeforeExpiry < lifetime / 2 ? options.RefreshBeforeExpiry : lifetime / 2;

        // Expiry is counted from when the request was sent, so time spent in flight shortens it rather than lengthens it.
        var token = new CachedToken
        {
            CacheKey = key,
            AccessToken = response.AccessToken,
            ExpiresAt = requestedAt + lifetime,
            RefreshAt = requestedAt + lifetime - buffer,
            Scope = response.Scope ?? (scope.Length > 0 ? scope : null),
        };
        TokenClientLog.Issued(logger, name, token.Scope ?? string.Empty, token.ExpiresAt);

        // Awaited so that the token is in the distributed cache before the lock is released. HybridCache logs a failed
        // write to the distributed cache and keeps the token in memory; it never fails the call.
        var entryOptions = new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime };
        await cache.SetAsync(key, token, entryOptions, cancellationToken: CancellationToken.None);
        return token;
    }

    private bool IsFresh([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] CachedToken? token) =>
        token is not null && timeProvider.GetUtcNow() < token.RefreshAt;

    /// <summary>The cache key and normalized scope of a request, from the options as they are now (they may reload).</summary>
    private (string Key, string Scope) KeyFor(IEnumerable<string>? scopes)
    {
        var options = optionsMonitor.Get(name);
        var scope = TokenScopes.Normalize(scopes, options.Scopes);
        return ($"{CognitoTokenClientDefaults.CacheKeyPrefix}{name}:{options.ClientId}:{scope}", scope);
    }
}
