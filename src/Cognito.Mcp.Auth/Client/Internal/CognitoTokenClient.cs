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
/// does not cause another one. Nothing is written on failure.
/// </summary>
internal sealed class CognitoTokenClient(
    string name,
    IOptionsMonitor<CognitoTokenClientOptions> optionsMonitor,
    HybridCache cache,
    TokenEndpointResolver endpointResolver,
    TokenEndpointRequester requester,
    TimeProvider timeProvider,
    TokenClientTelemetry telemetry,
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

    public string Name => name;

    public async Task<CognitoAccessToken> GetTokenAsync(IEnumerable<string>? scopes = null, CancellationToken cancellationToken = default)
    {
        var options = optionsMonitor.Get(name);
        var scope = TokenScopes.Normalize(scopes, options.Scopes);
        var key = CacheKey(options, scope);
        var cached = await cache.GetOrCreateAsync<CachedToken?>(key, static _ => default, Peek, cancellationToken: cancellationToken);
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
        var options = optionsMonitor.Get(name);
        var scope = TokenScopes.Normalize(scopes, options.Scopes);
        var key = CacheKey(options, scope);
        TokenClientLog.Renewing(logger, name, scope);
        var token = await _flights.RunAsync(
            key + "\n(renew)",
            ct => RefreshAsync(key, scope, rejectedToken?.Value, force: true, ct),
            cancellationToken);
        return token.ToAccessToken();
    }

    private async Task<CachedToken> RefreshAsync(string key, string scope, string? rejectedToken, bool force, CancellationToken cancellationToken)
    {
        var cached = await cache.GetOrCreateAsync<CachedToken?>(key, static _ => default, Peek, cancellationToken: cancellationToken);
        if (!IsFresh(cached))
        {
            cached = await cache.GetOrCreateAsync<CachedToken?>(key, static _ => default, PeekShared, cancellationToken: cancellationToken);
        }

        if (IsFresh(cached) && (!force || (rejectedToken is not null && !string.Equals(cached.AccessToken, rejectedToken, StringComparison.Ordinal))))
        {
            if (force)
            {
                TokenClientLog.AlreadyRenewed(logger, name, scope);
            }

            return cached;
        }

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
            AccessToken = response.AccessToken,
            ExpiresAt = requestedAt + lifetime,
            RefreshAt = requestedAt + lifetime - buffer,
            Scope = response.Scope ?? (scope.Length > 0 ? scope : null),
        };
        TokenClientLog.Issued(logger, name, token.Scope ?? string.Empty, token.ExpiresAt);

        var entryOptions = new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime };
        await cache.SetAsync(key, token, entryOptions, cancellationToken: CancellationToken.None);
        return token;
    }

    private bool IsFresh([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] CachedToken? token) =>
        token is not null && timeProvider.GetUtcNow() < token.RefreshAt;

    private string CacheKey(CognitoTokenClientOptions options, string scope) =>
        $"{CognitoTokenClientDefaults.CacheKeyPrefix}{name}:{options.ClientId}:{scope}";
}
