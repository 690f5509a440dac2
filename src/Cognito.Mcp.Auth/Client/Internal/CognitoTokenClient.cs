using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// One named token client. Tokens live in <see cref="HybridCache"/> (memory, plus the application's distributed cache
/// if it has one) together with the instant they count as expiring, so refreshing early is decided by our
/// <see cref="TimeProvider"/>. A miss or an expiring entry starts one shared request per key (<see cref="SingleFlight{T}"/>);
/// the shared request checks the cache again before calling Cognito, so a caller that arrives just after a refresh
/// does not cause another one; with an <see cref="ICognitoTokenRequestLock"/>, so do processes sharing the distributed
/// cache (<see cref="TokenRequestLockGate"/>). Nothing is written on failure.
/// </summary>
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

    // The default scopes' normalized form, cache key and last entry, for the options instance they were computed from:
    // the monitor hands out a new instance when the configuration reloads, so a reference check is enough.
    private DefaultScopeKey? _defaultKey;

    public string Name => name;

    // Not async: a fresh token in the local cache is answered with the entry's completed task, without allocating.
    // Exceptions still come back in the task, as from an async method.
    public Task<CognitoAccessToken> GetTokenAsync(IEnumerable<string>? scopes = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return GetTokenCoreAsync(scopes, cancellationToken);
        }
        catch (Exception exception)
        {
            return FailAsync(exception);
        }
    }

    private static async Task<CognitoAccessToken> FailAsync(Exception exception)
    {
        await Task.CompletedTask;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
        throw exception; // not reached
    }

    private Task<CognitoAccessToken> GetTokenCoreAsync(IEnumerable<string>? scopes, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.Get(name);
        string scope;
        string key;
        if (IsDefault(scopes))
        {
            var defaults = DefaultKeyFor(options);
            if (defaults.Latest is { } latest && IsFresh(latest))
            {
                TokenClientLog.CacheHit(logger, name, defaults.Scope, latest.ExpiresAt);
                telemetry.CacheHit(name);
                return latest.ToCompletedTask();
            }

            (scope, key) = (defaults.Scope, defaults.Key);
        }
        else
        {
            scope = TokenScopes.Normalize(scopes, options.Scopes);
            key = CacheKey(options, scope);
        }

        return Lookup(key, scope, cancellationToken);
    }

    private Task<CognitoAccessToken> Lookup(string key, string scope, CancellationToken cancellationToken)
    {
        var lookup = cache.GetOrCreateAsync<CachedToken?>(key, static _ => default, Peek, cancellationToken: cancellationToken);
        if (!lookup.IsCompletedSuccessfully)
        {
            return AwaitLookupAsync(key, scope, lookup, cancellationToken);
        }

        var cached = ForKey(key, lookup.Result);
        if (IsFresh(cached))
        {
            Remember(key, cached);
            TokenClientLog.CacheHit(logger, name, scope, cached.ExpiresAt);
            telemetry.CacheHit(name);
            return cached.ToCompletedTask();
        }

        return RefreshOnMissAsync(key, scope, cached, cancellationToken);
    }

    private async Task<CognitoAccessToken> AwaitLookupAsync(string key, string scope, ValueTask<CachedToken?> lookup, CancellationToken cancellationToken)
    {
        var cached = ForKey(key, await lookup);
        if (IsFresh(cached))
        {
            Remember(key, cached);
            TokenClientLog.CacheHit(logger, name, scope, cached.ExpiresAt);
            telemetry.CacheHit(name);
            return cached.ToAccessToken();
        }

        return await RefreshOnMissAsync(key, scope, cached, cancellationToken);
    }

    private async Task<CognitoAccessToken> RefreshOnMissAsync(string key, string scope, CachedToken? cached, CancellationToken cancellationToken)
    {
        TokenClientLog.CacheMiss(logger, name, scope, cached is null ? "absent" : "expiring");
        telemetry.CacheMiss(name);
        var token = await _flights.RunAsync(key, ct => RefreshAsync(key, scope, rejectedToken: null, force: false, ct), cancellationToken);
        return token.ToAccessToken();
    }

    public async Task<CognitoAccessToken> RenewTokenAsync(
        IEnumerable<string>? scopes = null, CognitoAccessToken? rejectedToken = null, CancellationToken cancellationToken = default)
    {
        var options = optionsMonitor.Get(name);
        var scope = TokenScopes.Normalize(scopes, options.Scopes);
        var key = CacheKey(options, scope);
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
            return await Lookup(key, scope, cancellationToken);
        }

        TokenClientLog.Renewing(logger, name, scope);
        var token = await _flights.RunAsync(
            key + "\n(renew)",
            ct => RefreshAsync(key, scope, rejectedToken?.Value, force: true, ct),
            cancellationToken);
        renewal.Renewed(token.AccessToken, timeProvider.GetUtcNow());
        return token.ToAccessToken();
    }

    private static bool IsDefault(IEnumerable<string>? scopes) => scopes is null || scopes is ICollection<string> { Count: 0 };

    private async Task<CachedToken> RefreshAsync(string key, string scope, string? rejectedToken, bool force, CancellationToken cancellationToken)
    {
        var cached = ForKey(key, await cache.GetOrCreateAsync<CachedToken?>(key, static _ => default, Peek, cancellationToken: cancellationToken));
        if (!IsFresh(cached))
        {
            cached = await ReadSharedAsync(key, cancellationToken);
        }

        if (IsUsable(cached, rejectedToken, force))
        {
            if (force)
            {
                TokenClientLog.AlreadyRenewed(logger, name, scope);
            }

            Remember(key, cached);
            return cached;
        }

        // With a token request lock, processes that share the distributed cache request this token once between them.
        var token = await lockGate.RunAsync(
            new TokenRequestLockGate.TokenRequest(name, scope, key, optionsMonitor.Get(name).LockWaitTimeout),
            ct => ReadSharedAsync(key, ct),
            shared => IsUsable(shared, rejectedToken, force),
            ct => RequestAsync(key, scope, ct),
            cancellationToken);
        Remember(key, token);
        return token;
    }

    private bool IsUsable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] CachedToken? cached, string? rejectedToken, bool force) =>
        IsFresh(cached) && (!force || (rejectedToken is not null && !string.Equals(cached.AccessToken, rejectedToken, StringComparison.Ordinal)));

    private async Task<CachedToken?> ReadSharedAsync(string key, CancellationToken cancellationToken) =>
        ForKey(key, await cache.GetOrCreateAsync<CachedToken?>(key, static _ => default, PeekShared, cancellationToken: cancellationToken));

    /// <summary>An entry stored for another key (copied there in the distributed cache) counts as a miss.</summary>
    private CachedToken? ForKey(string key, CachedToken? cached)
    {
        if (cached is null || string.Equals(cached.CacheKey, key, StringComparison.Ordinal))
        {
            return cached;
        }

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

    private string CacheKey(CognitoTokenClientOptions options, string scope) =>
        $"{CognitoTokenClientDefaults.CacheKeyPrefix}{name}:{options.ClientId}:{scope}";

    private DefaultScopeKey DefaultKeyFor(CognitoTokenClientOptions options)
    {
        var current = Volatile.Read(ref _defaultKey);
        if (current is not null && ReferenceEquals(current.Options, options))
        {
            return current;
        }

        var scope = TokenScopes.Normalize(null, options.Scopes);
        current = new DefaultScopeKey(options, scope, CacheKey(options, scope));
        Volatile.Write(ref _defaultKey, current);
        return current;
    }

    // Keeps the entry this client last read from or wrote to the cache for its default scopes, so that the common call
    // (no scopes, as AddCognitoAccessTokenHandler() makes it) is answered without a cache lookup while that entry is
    // fresh by our clock. Every renewal goes through RefreshAsync, which replaces it.
    private void Remember(string key, CachedToken token)
    {
        if (Volatile.Read(ref _defaultKey) is { } defaults && string.Equals(defaults.Key, key, StringComparison.Ordinal))
        {
            defaults.Latest = token;
        }
    }

    private sealed class DefaultScopeKey(CognitoTokenClientOptions options, string scope, string key)
    {
        public CognitoTokenClientOptions Options { get; } = options;

        public string Scope { get; } = scope;

        public string Key { get; } = key;

        /// <summary>The last fresh entry seen for <see cref="Key"/>; a reference, so reads and writes are atomic.</summary>
        public CachedToken? Latest { get; set; }
    }
}
