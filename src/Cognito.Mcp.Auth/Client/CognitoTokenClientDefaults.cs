namespace Cognito.Mcp.Auth.Client;

/// <summary>Names and well-known values used by the Cognito token client.</summary>
public static class CognitoTokenClientDefaults
{
    /// <summary>The configuration section the token client is usually bound to: <c>Cognito</c>.</summary>
    public const string ConfigurationSectionName = "Cognito";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that traces token requests.</summary>
    public const string ActivitySourceName = "Cognito.Mcp.Auth.TokenClient";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that counts token requests.</summary>
    public const string MeterName = "Cognito.Mcp.Auth.TokenClient";

    /// <summary>The path of the OAuth 2.0 token endpoint on a Cognito user pool domain: <c>/oauth2/token</c>.</summary>
    public const string TokenEndpointPath = "/oauth2/token";

    /// <summary>The prefix of the key under which tokens are cached in <c>HybridCache</c>.</summary>
    public const string CacheKeyPrefix = "Cognito.Mcp.Auth:token:";

    /// <summary>The prefix of the <see cref="System.Net.Http.IHttpClientFactory"/> names used to call Cognito.</summary>
    public const string HttpClientNamePrefix = "Cognito.Mcp.Auth.TokenClient:";

    /// <summary>
    /// Gets the name of the <see cref="System.Net.Http.HttpClient"/> a token client uses for the token endpoint and
    /// for discovery, so an application can add a proxy or a handler with
    /// <c>services.AddHttpClient(CognitoTokenClientDefaults.GetHttpClientName(name))</c>.
    /// </summary>
    /// <param name="clientName">The token client's name; <see cref="string.Empty"/> for the default client.</param>
    /// <returns>The HTTP client name.</returns>
    public static string GetHttpClientName(string clientName)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        return HttpClientNamePrefix + clientName;
    }
}
