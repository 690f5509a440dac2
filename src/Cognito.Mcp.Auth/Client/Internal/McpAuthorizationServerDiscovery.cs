using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Finds the token endpoint of an MCP server's authorization server the way the MCP authorization spec tells clients
/// to: RFC 9728 protected resource metadata (from the 401's <c>resource_metadata</c>, then the path-suffixed and root
/// well-known URLs), then the authorization server's RFC 8414 metadata, falling back to OpenID Connect discovery.
/// </summary>
internal sealed class McpAuthorizationServerDiscovery(ILogger logger)
{
    public async Task<(Uri TokenEndpoint, Uri MetadataUrl)> DiscoverAsync(
        HttpClient http, string clientName, CognitoTokenClientOptions options, Uri mcpServerUrl, CancellationToken cancellationToken)
    {
        var authorizationServer = await FindAuthorizationServerAsync(http, clientName, options, mcpServerUrl, cancellationToken);
        foreach (var metadataUrl in AuthorizationServerMetadataUrls(authorizationServer))
        {
            using var document = await GetJsonAsync(http, clientName, metadataUrl, cancellationToken);
            if (document is null)
            {
                continue;
            }

            var root = document.RootElement;
            var issuer = GetString(root, "issuer");
            if (issuer is not null && !string.Equals(issuer.TrimEnd('/'), authorizationServer.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
            {
                // RFC 8414 section 3.3: metadata whose issuer differs from the server asked about must not be used.
                TokenClientLog.MetadataMissing(logger, clientName, metadataUrl.AbsoluteUri, (int)HttpStatusCode.OK);
                continue;
            }

            if (Uri.TryCreate(GetString(root, "token_endpoint"), UriKind.Absolute, out var tokenEndpoint))
            {
                if (!EndpointPolicy.IsAllowed(tokenEndpoint))
                {
                    throw Failure(options, clientName, mcpServerUrl, $"the token endpoint {tokenEndpoint} in {metadataUrl} does not use https");
                }

                TokenClientLog.Discovered(logger, tokenEndpoint.AbsoluteUri, clientName, mcpServerUrl.AbsoluteUri, metadataUrl.AbsoluteUri);
                return (tokenEndpoint, metadataUrl);
            }
        }

        throw Failure(options, clientName, mcpServerUrl, $"the authorization server {authorizationServer} serves neither RFC 8414 nor OpenID Connect metadata with a token_endpoint");
    }

    private async Task<Uri> FindAuthorizationServerAsync(
        HttpClient http, string clientName, CognitoTokenClientOptions options, Uri mcpServerUrl, CancellationToken cancellationToken)
    {
        var candidates = new List<Uri>();
        using (var probe = new HttpRequestMessage(HttpMethod.Get, mcpServerUrl))
        {
            probe.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            probe.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await http.SendAsync(probe, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (Uri.TryCreate(BearerChallenge.GetParameter(response, "resource_metadata"), UriKind.Absolute, out var fromChallenge))
            {
                candidates.Add(fromChallenge);
            }
        }

        var origin = new Uri(mcpServerUrl.GetLeftPart(UriPartial.Authority));
        var path = mcpServerUrl.AbsolutePath.TrimEnd('/');
        if (path.Length > 0)
        {
            candidates.Add(new Uri(origin, "/.well-known/oauth-protected-resource" + path));
        }

        candidates.Add(new Uri(origin, "/.well-known/oauth-protected-resource"));
        foreach (var candidate in candidates.Distinct())
        {
            if (!EndpointPolicy.IsAllowed(candidate))
            {
                continue;
            }

            using var document = await GetJsonAsync(http, clientName, candidate, cancellationToken);
            if (document is not null
                && document.RootElement.TryGetProperty("authorization_servers", out var servers)
                && servers.ValueKind == JsonValueKind.Array
                && servers.GetArrayLength() > 0
                && Uri.TryCreate(servers[0].GetString(), UriKind.Absolute, out var authorizationServer)
                && EndpointPolicy.IsAllowed(authorizationServer))
            {
                return authorizationServer;
            }
        }

        throw Failure(options, clientName, mcpServerUrl, "it serves no RFC 9728 protected resource metadata naming an authorization server");
    }

    /// <summary>The metadata URLs to try, in the order the MCP authorization spec gives.</summary>
    internal static IEnumerable<Uri> AuthorizationServerMetadataUrls(Uri issuer)
    {
        var origin = new Uri(issuer.GetLeftPart(UriPartial.Authority));
        var path = issuer.AbsolutePath.TrimEnd('/');
        if (path.Length == 0)
        {
            yield return new Uri(origin, "/.well-known/oauth-authorization-server");
            yield return new Uri(origin, "/.well-known/openid-configuration");
            yield break;
        }

        yield return new Uri(origin, "/.well-known/oauth-authorization-server" + path);
        yield return new Uri(origin, "/.well-known/openid-configuration" + path);
        yield return new Uri(origin, path + "/.well-known/openid-configuration");
    }

    private async Task<JsonDocument?> GetJsonAsync(HttpClient http, string clientName, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            TokenClientLog.MetadataMissing(logger, clientName, url.AbsoluteUri, (int)response.StatusCode);
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
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

        TokenClientLog.MetadataMissing(logger, clientName, url.AbsoluteUri, (int)response.StatusCode);
        return null;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static CognitoTokenException Failure(CognitoTokenClientOptions options, string clientName, Uri mcpServerUrl, string problem) =>
        new(
            $"Could not discover the token endpoint from the MCP server {mcpServerUrl}: {problem}. Check {SettingNames.For(options, clientName, nameof(options.McpServerUrl))}, or set {SettingNames.For(options, clientName, nameof(options.TokenEndpoint))} or the Cognito domain instead.",
            error: null,
            errorDescription: null,
            statusCode: null);
}
