using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// Keeps the issuer's OpenID configuration and JWKS, fetched and parsed by Microsoft.IdentityModel's retrievers, with the
/// refresh rules a resource server needs:
/// <list type="bullet">
/// <item>an unknown key id refreshes at most once per <see cref="BaseConfigurationManager.RefreshInterval"/>, and that
/// refresh completes inside the request that asked for it, so a rotated key is accepted at once (IdentityModel's own
/// manager refreshes in the background, failing that request and often the next);</item>
/// <item>concurrent callers share one download;</item>
/// <item>after warm-up, a failed refresh keeps the last good keys;</item>
/// <item>at a cold start with the endpoint down, callers fail fast for a short, doubling back-off instead of each
/// waiting for their own download.</item>
/// </list>
/// </summary>
internal sealed class SigningKeyManager : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan FirstColdStartBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxColdStartBackoff = TimeSpan.FromSeconds(30);

    private readonly IConfigurationRetriever<OpenIdConnectConfiguration> _retriever = new OpenIdConnectConfigurationRetriever();
    private readonly IDocumentRetriever _documents;
    private readonly string _issuer;
    private readonly Diagnostics.ServerTelemetry? _telemetry;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private OpenIdConnectConfiguration? _current;
    private Task<OpenIdConnectConfiguration>? _inFlight;
    private DateTimeOffset _nextAutomaticRefresh;
    private DateTimeOffset _lastRequestedRefresh = DateTimeOffset.MinValue;
    private bool _refreshRequested;
    private DateTimeOffset _coldStartRetryAt = DateTimeOffset.MinValue;
    private TimeSpan _coldStartBackoff = FirstColdStartBackoff;
    private Exception? _lastFailure;

    public SigningKeyManager(
        string metadataAddress, string issuer, IDocumentRetriever documents, TimeProvider time, TimeSpan automaticRefreshInterval, TimeSpan refreshInterval,
        Diagnostics.ServerTelemetry? telemetry = null)
    {
        _telemetry = telemetry;
        MetadataAddress = metadataAddress;
        _issuer = issuer;
        _documents = documents;
        _time = time;
        // The base class refuses values below its minimums (5 min and 1 s); option validation enforces the same at start-up.
        AutomaticRefreshInterval = automaticRefreshInterval;
        RefreshInterval = refreshInterval;
        // This manager already keeps the last good keys through outages. IdentityModel's own "last known good"
        // fallback would also keep accepting tokens signed with a key the issuer has removed from its JWKS, for an
        // hour: a removed key must stop working at the next refresh.
        UseLastKnownGoodConfiguration = false;
    }

    /// <summary>True once keys have been fetched; false means a refusal is the endpoint's fault, not the token's.</summary>
    public bool HasConfiguration => Volatile.Read(ref _current) is not null;

    public Exception? LastFailure => _lastFailure;

    /// <summary>Changes whenever a fetch brings signing keys different from the current ones.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    private long _generation;

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) =>
        await GetConfigurationAsync(cancel);

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var now = _time.GetUtcNow();
        Task<OpenIdConnectConfiguration> fetch;
        lock (_gate)
        {
            if (_current is not null && !_refreshRequested)
            {
                if (now >= _nextAutomaticRefresh && _inFlight is null)
                {
                    _ = StartFetch(); // In the background: the current keys stay in use meanwhile.
                }

                return Task.FromResult(_current);
            }

            if (_current is null && _inFlight is null && now < _coldStartRetryAt)
            {
                throw new InvalidOperationException(
                    $"The OpenID configuration at {MetadataAddress} could not be retrieved; next attempt after {_coldStartRetryAt:O}.", _lastFailure);
            }

            _refreshRequested = false;
            fetch = _inFlight ?? StartFetch();
        }

        return AwaitFetchAsync(fetch, cancel);
    }

    /// <summary>
    /// Waits for the download in flight, if any (its failure keeps the last good keys), then tells whether the keys
    /// changed since <paramref name="generation"/>. A request refused for an unknown key id asks this before giving up:
    /// its own refresh request is declined within <see cref="BaseConfigurationManager.RefreshInterval"/> of another
    /// request's, and that other request's download may be the one bringing the key.
    /// </summary>
    public async Task<bool> HasKeysNewerThanAsync(long generation)
    {
        Task<OpenIdConnectConfiguration>? inFlight;
        lock (_gate)
        {
            inFlight = _inFlight;
        }

        if (inFlight is not null)
        {
            try
            {
                await inFlight;
            }
            catch (Exception)
            {
                // The download failed: the last good keys stay, and the generation tells whether anything changed.
            }
        }

        return Generation != generation;
    }

    public override void RequestRefresh()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_current is not null && now - _lastRequestedRefresh >= RefreshInterval)
            {
                _lastRequestedRefresh = now;
                _refreshRequested = true;
            }
        }
    }

    private async Task<OpenIdConnectConfiguration> AwaitFetchAsync(Task<OpenIdConnectConfiguration> fetch, CancellationToken cancel)
    {
        try
        {
            return await fetch.WaitAsync(cancel);
        }
        catch (Exception) when (!cancel.IsCancellationRequested && Volatile.Read(ref _current) is { } lastGood)
        {
            return lastGood;
        }
    }

    private Task<OpenIdConnectConfiguration> StartFetch()
    {
        var task = FetchAsync();
        _inFlight = task;
        return task;
    }

    private static bool SameKeys(OpenIdConnectConfiguration current, OpenIdConnectConfiguration fetched) =>
        current.SigningKeys.Select(k => k.KeyId).Order(StringComparer.Ordinal)
            .SequenceEqual(fetched.SigningKeys.Select(k => k.KeyId).Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && current.JsonWebKeySet?.Keys.Select(k => k.N).SequenceEqual(fetched.JsonWebKeySet?.Keys.Select(k => k.N) ?? []) != false;

    private async Task<OpenIdConnectConfiguration> FetchAsync()
    {
        await Task.Yield(); // Never run the download under the caller's lock.
        try
        {
            var configuration = await _retriever.GetConfigurationAsync(MetadataAddress, _documents, CancellationToken.None);
            if (!string.Equals(configuration.Issuer, _issuer, StringComparison.Ordinal))
            {
                // Keys published for another issuer (a MetadataAddress pointing at another pool) must never verify
                // tokens that claim this one.
                throw new InvalidOperationException(
                    $"The OpenID configuration at {MetadataAddress} is for the issuer '{configuration.Issuer}', not the configured '{_issuer}'; its keys are not used. Check Cognito:MetadataAddress and Cognito:Issuer.");
            }

            lock (_gate)
            {
                if (_current is null || !SameKeys(_current, configuration))
                {
                    Interlocked.Increment(ref _generation);
                }

                _current = configuration;
                _lastFailure = null;
                _nextAutomaticRefresh = _time.GetUtcNow() + AutomaticRefreshInterval;
                _coldStartBackoff = FirstColdStartBackoff;
                _inFlight = null;
            }

            _telemetry?.KeyRefresh(succeeded: true);
            return configuration;
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                _lastFailure = exception;
                var now = _time.GetUtcNow();
                if (_current is null)
                {
                    _coldStartRetryAt = now + _coldStartBackoff;
                    _coldStartBackoff = TimeSpan.FromTicks(Math.Min(_coldStartBackoff.Ticks * 2, MaxColdStartBackoff.Ticks));
                }
                else
                {
                    _nextAutomaticRefresh = now + RefreshInterval;
                }

                _inFlight = null;
            }

            _telemetry?.KeyRefresh(succeeded: false);
            throw;
        }
    }
}
