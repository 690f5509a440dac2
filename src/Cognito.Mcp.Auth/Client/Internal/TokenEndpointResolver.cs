using Cognito.Mcp.Auth.Internal;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Works out a client's token endpoint from its options; a discovered endpoint is kept for
/// <see cref="CognitoTokenClientOptions.DiscoveryCacheDuration"/> (by the client's <see cref="TimeProvider"/>), and
/// concurrent discoveries share one run. A failed discovery is not kept.
/// </summary>
internal sealed class TokenEndpointResolver(
    McpAuthorizationServerDiscovery discovery,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider)
{
    private readonly SingleFlight<Discovered> _discoveries = new();
    private volatile Discovered? _discovered;

    public async ValueTask<Uri> ResolveAsync(string clientName, CognitoTokenClientOptions options, CancellationToken cancellationToken)
    {
        if (options.TokenEndpoint is not null)
        {
            return options.TokenEndpoint;
        }

        if (options.Domain is not null)
        {
            return new Uri(options.Domain.AbsoluteUri.TrimEnd('/') + CognitoTokenClientDefaults.TokenEndpointPath);
        }

        if (options.McpServerUrl is null)
        {
            return new Uri($"https://{CognitoUrls.DomainHost(options.DomainPrefix!, options.Region!)}{CognitoTokenClientDefaults.TokenEndpointPath}");
        }

        return (await DiscoverAsync(clientName, options, cancellationToken)).TokenEndpoint;
    }

    private async ValueTask<DiscoveredEndpoint> DiscoverAsync(string clientName, CognitoTokenClientOptions options, CancellationToken cancellationToken)
    {
        var mcpServerUrl = options.McpServerUrl!;
        // Everything that decides which endpoint is trusted: a change to any of it (a host removed from the allow-list,
        // another expected issuer) discovers again instead of sending a rotated secret to the endpoint trusted before.
        var trust = string.Join(
            '\n',
            mcpServerUrl.AbsoluteUri,
            TrustedTokenEndpoints.ExpectedIssuer(options)?.AbsoluteUri ?? string.Empty,
            string.Join(' ', options.AllowedTokenEndpointHosts));
        var known = _discovered;
        if (known is not null && known.Trust == trust && timeProvider.GetUtcNow() < known.ValidUntil)
        {
            return known.Endpoint;
        }

        var found = await _discoveries.RunAsync(
            trust,
            async ct =>
            {
                var http = httpClientFactory.CreateClient(CognitoTokenClientDefaults.GetHttpClientName(clientName));
                var endpoint = await discovery.DiscoverAsync(http, clientName, options, mcpServerUrl, ct);
                return new Discovered(trust, endpoint, timeProvider.GetUtcNow() + options.DiscoveryCacheDuration);
            },
            cancellationToken);
        _discovered = found;
        return found.Endpoint;
    }

    private sealed record Discovered(string Trust, DiscoveredEndpoint Endpoint, DateTimeOffset ValidUntil);
}
