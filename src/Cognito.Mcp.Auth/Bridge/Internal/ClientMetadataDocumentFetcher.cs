using System.Net;
using System.Net.Http.Headers;
using Cognito.Mcp.Auth.Client.Internal;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Fetches and validates Client ID Metadata Documents (MCP authorization 2026-07-28,
/// draft-ietf-oauth-client-id-metadata-document). The client id is a URL an attacker chooses, so the fetch goes
/// through the <see cref="HttpClientName"/> client that <see cref="ClientMetadataHttpClientGuard"/> hardens (public
/// addresses only, checked at connect time; no redirects; no proxy), within <see cref="ClientMetadataDocumentOptions.Timeout"/>
/// and <see cref="ClientMetadataDocumentOptions.MaxBodyBytes"/>. Results are cached by the exact URL in a private,
/// size-limited cache (documents as long as <c>max-age</c> says within bounds, failures briefly); concurrent requests
/// for one URL share one fetch.
/// </summary>
internal sealed class ClientMetadataDocumentFetcher : IDisposable
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client used for the fetch.</summary>
    public const string HttpClientName = "Cognito.Mcp.Auth.Bridge.ClientMetadata";

    /// <summary>Fetches at once, at most: each costs an outbound connection of up to the timeout.</summary>
    private const int MaxConcurrentFetches = 8;

    private readonly SemaphoreSlim _fetchSlots = new(MaxConcurrentFetches, MaxConcurrentFetches);
    private readonly bool _isDevelopment;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ClientMetadataDocumentOptions _options;
    private readonly MemoryCache _cache;
    private readonly SingleFlight<ClientMetadataDocumentResult> _flights = new();

    public ClientMetadataDocumentFetcher(
        IHttpClientFactory httpClientFactory,
        IHostEnvironment environment,
        TimeProvider timeProvider,
        ILoggerFactory loggers,
        ClientMetadataDocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _isDevelopment = environment.IsDevelopment();
        _timeProvider = timeProvider;
        _logger = loggers.CreateLogger(BridgeFlowLog.Category);
        _options = options;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.CacheSizeLimit });
    }

    /// <summary>Gets how many fetches are running (for tests).</summary>
    internal int RunningFetches => _flights.Count;

    /// <summary>
    /// True when <paramref name="clientId"/> has the shape of a metadata document URL: https (in lower case), a host, a
    /// path other than "/", no fragment, no user information, no "." or ".." path segments (percent-encoded or not),
    /// and only RFC 3986 characters. It says nothing about the host's addresses: those are checked at connect time.
    /// </summary>
    public static bool IsMetadataDocumentUrl(string clientId)
    {
        const string Prefix = "https://";
        if (string.IsNullOrEmpty(clientId)
            || clientId.Length > RedirectUriRules.MaxLength
            || !clientId.StartsWith(Prefix, StringComparison.Ordinal)
            || clientId.Contains('#')
            || RedirectUriRules.Validate(clientId, ApplicationTypes.Web) is not null // RFC 3986 characters, no userinfo, absolute
            || !Uri.TryCreate(clientId, UriKind.Absolute, out var uri)
            || uri.Host.Length == 0)
        {
            return false;
        }

        var rest = clientId.AsSpan(Prefix.Length);
        var pathStart = rest.IndexOf('/');
        if (pathStart < 0 || rest[..pathStart].IndexOf('?') >= 0)
        {
            return false;
        }

        var path = rest[pathStart..];
        var query = path.IndexOf('?');
        if (query >= 0)
        {
            path = path[..query];
        }

        if (path is "/")
        {
            return false;
        }

        foreach (var range in path[1..].Split('/'))
        {
            var segment = path[1..][range];
            var decoded = segment.ToString().Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
            if (decoded is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The client <paramref name="clientId"/>'s metadata document describes (<see cref="BridgeClient.FromMetadataDocument"/>
    /// true), from the cache or fetched now, or the <c>invalid_client</c> error saying why it cannot be used.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ClientMetadataDocumentResult> GetAsync(string clientId, CancellationToken cancellationToken)
    {
        if (clientId is null || !IsMetadataDocumentUrl(clientId))
        {
            return ClientMetadataDocumentResult.Failure(
                "The client_id is not a client metadata document URL: it must be an https URL with a path, without a fragment, user information or dot segments.");
        }

        // Outside Development only the default https port: otherwise client ids would turn the fetcher into a port
        // scanner of other hosts (the error says what the connection met).
        if (!_isDevelopment && _options.RequireDefaultPort && new Uri(clientId).Port != 443)
        {
            return ClientMetadataDocumentResult.Failure("The client_id must be an https URL on the default port (443).");
        }

        if (TryGetCached(clientId) is { } cached)
        {
            return cached;
        }

        return await _flights.RunAsync(clientId, token => TryGetCached(clientId) is { } again ? Task.FromResult(again) : FetchAndCacheAsync(clientId, token), cancellationToken);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _fetchSlots.Dispose();
    }

    private ClientMetadataDocumentResult? TryGetCached(string clientId)
    {
        if (_cache.TryGetValue(clientId, out CachedDocument? cached) && cached is not null && _timeProvider.GetUtcNow() < cached.ExpiresAt)
        {
            BridgeLog.MetadataDocumentFromCache(_logger, new Uri(clientId).IdnHost, cached.ExpiresAt);
            return cached.Result;
        }

        return null;
    }

    private async Task<ClientMetadataDocumentResult> FetchAndCacheAsync(string clientId, CancellationToken cancellationToken)
    {
        // Many distinct URLs at once (each a new cache key) must not become as many outbound fetches: refuse, uncached.
        if (!await _fetchSlots.WaitAsync(0, cancellationToken))
        {
            return ClientMetadataDocumentResult.Failure("Too many client metadata documents are being fetched; try again in a moment.");
        }

        (ClientMetadataDocumentResult Result, TimeSpan CacheDuration) fetched;
        try
        {
            fetched = await FetchAsync(new Uri(clientId), clientId, cancellationToken);
        }
        finally
        {
            _fetchSlots.Release();
        }

        var (result, duration) = fetched;

        // The memory cache evicts by its own clock; the expiry that counts is checked against the TimeProvider.
        _cache.Set(
            clientId,
            new CachedDocument(result, _timeProvider.GetUtcNow() + duration),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = duration });
        return result;
    }

    private async Task<(ClientMetadataDocumentResult Result, TimeSpan CacheDuration)> FetchAsync(Uri url, string clientId, CancellationToken cancellationToken)
    {
        var host = url.IdnHost;
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var http = _httpClientFactory.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                return Refused(host, $"it answered HTTP {status}, a redirect, and redirects are not followed.");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Refused(host, $"it answered HTTP {status}, not 200.");
            }

            if (!string.Equals(response.Content.Headers.ContentType?.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            {
                return Refused(host, "its content type is not application/json.");
            }

            var body = await BoundedContent.ReadAsync(response.Content, _options.MaxBodyBytes, linked.Token);
            if (body is null)
            {
                return Refused(host, $"it is larger than {_options.MaxBodyBytes} bytes.");
            }

            var result = ClientMetadataDocumentReader.Read(clientId, body);
            if (!result.Succeeded)
            {
                BridgeLog.MetadataDocumentRefused(_logger, host, result.Error.Description);
                return (result, _options.FailureCacheDuration);
            }

            var duration = CacheDuration(response.Headers.CacheControl);
            BridgeLog.MetadataDocumentFetched(_logger, host, duration);
            return (result, duration);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our timeout, or an HttpClient.Timeout the application configured shorter.
            return Refused(host, $"it did not arrive within {_options.Timeout.TotalSeconds:0.###} seconds.");
        }
        catch (HttpRequestException ex) when (FindRefusedAddress(ex) is { } refused)
        {
            BridgeLog.MetadataDocumentAddressRefused(_logger, host, refused.Address.ToString(), refused.Range);
            return (ClientMetadataDocumentReader.Refused(
                "its host resolves to an address the server does not connect to (loopback, private, link-local or reserved); publish it on a public https host."),
                _options.FailureCacheDuration);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var reason = ex is HttpRequestException { HttpRequestError: var error and not HttpRequestError.Unknown }
                ? $"it could not be fetched ({error})."
                : "it could not be fetched.";
            return Refused(host, reason);
        }
    }

    private (ClientMetadataDocumentResult, TimeSpan) Refused(string host, string reason)
    {
        var result = ClientMetadataDocumentReader.Refused(reason);
        BridgeLog.MetadataDocumentRefused(_logger, host, result.Error!.Description);
        return (result, _options.FailureCacheDuration);
    }

    /// <summary><c>max-age</c> clamped to the bounds; <c>no-store</c> and <c>no-cache</c> get the minimum (see <see cref="ClientMetadataDocumentOptions.MinCacheDuration"/>).</summary>
    private TimeSpan CacheDuration(CacheControlHeaderValue? cacheControl)
    {
        var duration = cacheControl switch
        {
            { NoStore: true } or { NoCache: true } => _options.MinCacheDuration,
            { MaxAge: { } maxAge } => maxAge,
            _ => _options.DefaultCacheDuration,
        };
        return TimeSpan.FromTicks(Math.Clamp(duration.Ticks, _options.MinCacheDuration.Ticks, _options.MaxCacheDuration.Ticks));
    }

    private static RefusedAddressException? FindRefusedAddress(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is RefusedAddressException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private sealed record CachedDocument(ClientMetadataDocumentResult Result, DateTimeOffset ExpiresAt);
}
