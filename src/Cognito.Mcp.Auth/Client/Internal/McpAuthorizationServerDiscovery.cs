using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cognito.Mcp.Auth.Diagnostics;
using Cognito.Mcp.Auth.Internal;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Finds the token endpoint of an MCP server's authorization server the way the MCP authorization spec tells clients
/// to: RFC 9728 protected resource metadata (from the 401's <c>resource_metadata</c>, then the path-suffixed and root
/// well-known URLs), then the authorization server's RFC 8414 metadata, falling back to OpenID Connect discovery.
/// Every step is checked, because the MCP server is not trusted with the client secret: the resource metadata must
/// come from the MCP server's own origin and name it as <c>resource</c>, and the token endpoint must be tied to
/// Cognito (<see cref="TrustedTokenEndpoints"/>). Every failure is a <see cref="CognitoTokenException"/>.
/// </summary>
internal sealed class McpAuthorizationServerDiscovery(ILogger logger)
{
    public async Task<DiscoveredEndpoint> DiscoverAsync(
        HttpClient http, string clientName, CognitoTokenClientOptions options, Uri mcpServerUrl, CancellationToken cancellationToken)
    {
        try
        {
            return await DiscoverCoreAsync(http, clientName, options, mcpServerUrl, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Failure(options, clientName, mcpServerUrl, $"a metadata request failed ({ex.Message})", ex);
        }
    }

    private async Task<DiscoveredEndpoint> DiscoverCoreAsync(
        HttpClient http, string clientName, CognitoTokenClientOptions options, Uri mcpServerUrl, CancellationToken cancellationToken)
    {
        var resource = await FindProtectedResourceAsync(http, clientName, options, mcpServerUrl, cancellationToken);
        var expectedIssuer = TrustedTokenEndpoints.ExpectedIssuer(options);
        Uri authorizationServer;
        if (expectedIssuer is not null)
        {
            authorizationServer = resource.AuthorizationServers.FirstOrDefault(server => SameUrl(server, expectedIssuer))
                ?? throw Refused(
                    options, clientName, mcpServerUrl,
                    $"its metadata names the authorization server {string.Join(", ", resource.AuthorizationServers)}, not the expected issuer {expectedIssuer}",
                    $"Check {Setting(options, clientName, nameof(options.ExpectedIssuer))} (or {Setting(options, clientName, nameof(options.UserPoolId))}) and {Setting(options, clientName, nameof(options.McpServerUrl))}.");
        }
        else
        {
            authorizationServer = resource.AuthorizationServers[0];
        }

        foreach (var metadataUrl in AuthorizationServerMetadataUrls(authorizationServer))
        {
            using var document = await GetJsonAsync(http, clientName, metadataUrl, cancellationToken);
            if (document is null)
            {
                continue;
            }

            var root = document.RootElement;
            var issuer = JsonProperties.GetString(root, "issuer");
            if (issuer is null || !string.Equals(issuer.TrimEnd('/'), authorizationServer.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
            {
                // RFC 8414 section 3.3: metadata whose issuer differs from the server asked about must not be used.
                TokenClientLog.MetadataRefused(logger, clientName, metadataUrl.AbsoluteUri, "its issuer is not " + authorizationServer.AbsoluteUri);
                continue;
            }

            if (!Uri.TryCreate(JsonProperties.GetString(root, "token_endpoint"), UriKind.Absolute, out var tokenEndpoint))
            {
                TokenClientLog.MetadataRefused(logger, clientName, metadataUrl.AbsoluteUri, "it has no token_endpoint URL");
                continue;
            }

            if (!EndpointPolicy.IsAllowed(tokenEndpoint))
            {
                throw Refused(options, clientName, mcpServerUrl, $"the token endpoint {tokenEndpoint} in {metadataUrl} does not use https", null);
            }

            // With an expected issuer the metadata came from that issuer's own origin, so its token endpoint (a custom
            // domain included) is the pool's. Without one, the endpoint itself must be recognisably Cognito's.
            if (expectedIssuer is null && !TrustedTokenEndpoints.IsTrusted(tokenEndpoint, options))
            {
                throw Refused(
                    options, clientName, mcpServerUrl,
                    $"the token endpoint {tokenEndpoint.GetLeftPart(UriPartial.Path)} that {metadataUrl} names is not a Cognito domain (https://<prefix>.auth.<region>.amazoncognito.com), so the client secret is not sent there",
                    $"If it is your pool's, set {Setting(options, clientName, nameof(options.UserPoolId))} (or {Setting(options, clientName, nameof(options.ExpectedIssuer))}) to your pool, or add '{tokenEndpoint.Host}' to {Setting(options, clientName, nameof(options.AllowedTokenEndpointHosts))}.");
            }

            TokenClientLog.Discovered(logger, tokenEndpoint.AbsoluteUri, clientName, mcpServerUrl.AbsoluteUri, metadataUrl.AbsoluteUri);
            return new DiscoveredEndpoint(tokenEndpoint);
        }

        throw Failure(options, clientName, mcpServerUrl, $"the authorization server {authorizationServer} serves neither RFC 8414 nor OpenID Connect metadata with its own issuer and a token_endpoint", null);
    }

    private async Task<ProtectedResource> FindProtectedResourceAsync(
        HttpClient http, string clientName, CognitoTokenClientOptions options, Uri mcpServerUrl, CancellationToken cancellationToken)
    {
        var candidates = new List<Uri>();
        string? problem = null;
        using (var probe = new HttpRequestMessage(HttpMethod.Get, mcpServerUrl))
        {
            probe.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            probe.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await http.SendAsync(probe, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                if (Uri.TryCreate(BearerChallenge.GetParameter(response, "resource_metadata"), UriKind.Absolute, out var fromChallenge))
                {
                    if (SameOrigin(fromChallenge, mcpServerUrl))
                    {
                        candidates.Add(fromChallenge);
                    }
                    else
                    {
                        problem = $"its challenge names resource metadata at another origin ({fromChallenge}), which is not trusted";
                        TokenClientLog.MetadataRefused(logger, clientName, fromChallenge.AbsoluteUri, "it is not on the MCP server's origin");
                    }
                }
            }
        }

        var origin = new Uri(mcpServerUrl.GetLeftPart(UriPartial.Authority));
        var path = mcpServerUrl.AbsolutePath.TrimEnd('/');
        if (path.Length > 0)
        {
            candidates.Add(new Uri(origin, CognitoMcpAuthenticationDefaults.ProtectedResourceMetadataPath + path));
        }

        candidates.Add(new Uri(origin, CognitoMcpAuthenticationDefaults.ProtectedResourceMetadataPath));
        foreach (var candidate in candidates.Distinct())
        {
            using var document = await GetJsonAsync(http, clientName, candidate, cancellationToken);
            if (document is null)
            {
                continue;
            }

            var root = document.RootElement;
            if (!Uri.TryCreate(JsonProperties.GetString(root, "resource"), UriKind.Absolute, out var resource) || !SameUrl(resource, mcpServerUrl))
            {
                // RFC 9728 section 3.3: the metadata must describe the resource it was fetched for.
                problem = $"the metadata at {candidate} describes the resource '{JsonProperties.GetString(root, "resource")}', not {mcpServerUrl}";
                TokenClientLog.MetadataRefused(logger, clientName, candidate.AbsoluteUri, "its resource is not " + mcpServerUrl.AbsoluteUri);
                continue;
            }

            var servers = GetStrings(root, "authorization_servers")
                .Select(s => Uri.TryCreate(s, UriKind.Absolute, out var uri) && EndpointPolicy.IsAllowed(uri) ? uri : null)
                .OfType<Uri>()
                .ToList();
            if (servers.Count > 0)
            {
                return new ProtectedResource(servers);
            }

            TokenClientLog.MetadataRefused(logger, clientName, candidate.AbsoluteUri, "it names no https authorization server");
        }

        throw Failure(options, clientName, mcpServerUrl, problem ?? "it serves no RFC 9728 protected resource metadata naming an authorization server", null);
    }

    /// <summary>The metadata URLs to try, in the order the MCP authorization spec gives.</summary>
    internal static IEnumerable<Uri> AuthorizationServerMetadataUrls(Uri issuer)
    {
        var origin = new Uri(issuer.GetLeftPart(UriPartial.Authority));
        var path = issuer.AbsolutePath.TrimEnd('/');
        if (path.Length == 0)
        {
            yield return new Uri(origin, CognitoAuthorizationBridgeDefaults.MetadataPath);
            yield return new Uri(origin, CognitoUrls.OpenIdConfigurationPath);
            yield break;
        }

        yield return new Uri(origin, CognitoAuthorizationBridgeDefaults.MetadataPath + path);
        yield return new Uri(origin, CognitoUrls.OpenIdConfigurationPath + path);
        yield return new Uri(origin, path + CognitoUrls.OpenIdConfigurationPath);
    }

    private async Task<JsonDocument?> GetJsonAsync(HttpClient http, string clientName, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            TokenClientLog.MetadataMissing(logger, clientName, url.AbsoluteUri, (int)response.StatusCode);
            return null;
        }

        var body = await BoundedContent.ReadAsync(response.Content, cancellationToken);
        if (body is null)
        {
            TokenClientLog.MetadataRefused(logger, clientName, url.AbsoluteUri, $"it is larger than {BoundedContent.MaxBytes} bytes");
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Not JSON: treated like a missing document.
        }

        TokenClientLog.MetadataRefused(logger, clientName, url.AbsoluteUri, "it is not a JSON object");
        return null;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Same origin, same path (a trailing slash aside) and same query.</summary>
    private static bool SameUrl(Uri a, Uri b) =>
        SameOrigin(a, b)
        && string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal)
        && string.Equals(a.Query, b.Query, StringComparison.Ordinal);

    /// <summary>The string items of an array property; anything else (a string, numbers, objects) counts as none.</summary>
    private static List<string> GetStrings(JsonElement element, string name)
    {
        var strings = new List<string>();
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (JsonProperties.TryGetString(item, out var text))
                {
                    strings.Add(text);
                }
            }
        }

        return strings;
    }

    private static string Setting(CognitoTokenClientOptions options, string clientName, string property) =>
        SettingNames.For(options, clientName, property);

    private static CognitoTokenException Failure(CognitoTokenClientOptions options, string clientName, Uri mcpServerUrl, string problem, Exception? inner) =>
        new(
            $"Could not discover the token endpoint from the MCP server {mcpServerUrl}: {problem}. Check {Setting(options, clientName, nameof(options.McpServerUrl))}, or set {Setting(options, clientName, nameof(options.TokenEndpoint))} or the Cognito domain instead.",
            error: null,
            errorDescription: null,
            statusCode: null,
            inner);

    private static CognitoTokenException Refused(CognitoTokenClientOptions options, string clientName, Uri mcpServerUrl, string problem, string? fix) =>
        new(
            $"Refused the token endpoint discovered from the MCP server {mcpServerUrl}: {problem}. {fix ?? $"Check {Setting(options, clientName, nameof(options.McpServerUrl))}."}",
            error: null,
            errorDescription: null,
            statusCode: null);

    private sealed record ProtectedResource(IReadOnlyList<Uri> AuthorizationServers);
}
