using Cognito.Mcp.Auth.Client;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Attaches <see cref="CognitoAccessTokenHandler"/> to an <see cref="IHttpClientBuilder"/>.</summary>
public static class CognitoAccessTokenHandlerHttpClientBuilderExtensions
{
    /// <summary>Sends the default token client's token (default scopes) with every request of this HTTP client.</summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddCognitoAccessTokenHandler(this IHttpClientBuilder builder) =>
        builder.AddCognitoAccessTokenHandler(string.Empty, scopes: null);

    /// <summary>Sends the named token client's token (its default scopes) with every request of this HTTP client.</summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <param name="clientName">The name given to <c>AddCognitoTokenClient</c>.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddCognitoAccessTokenHandler(this IHttpClientBuilder builder, string clientName) =>
        builder.AddCognitoAccessTokenHandler(clientName, scopes: null);

    /// <summary>Sends the named token client's token for <paramref name="scopes"/> with every request of this HTTP client.</summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <param name="clientName">The name given to <c>AddCognitoTokenClient</c>; <see cref="string.Empty"/> for the default client.</param>
    /// <param name="scopes">The scopes to request; <see langword="null"/> for the client's default scopes.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddCognitoAccessTokenHandler(this IHttpClientBuilder builder, string clientName, IEnumerable<string>? scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(clientName);
        if (builder.Name.StartsWith(CognitoTokenClientDefaults.HttpClientNamePrefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The HTTP client '{builder.Name}' is the one a Cognito token client uses to reach Cognito; a token handler on it would ask itself for tokens. Attach the handler to the client that calls your API or MCP server.");
        }

        var scopeList = scopes?.ToArray();
        return builder.AddHttpMessageHandler(services => new CognitoAccessTokenHandler(
            services.GetRequiredService<ICognitoTokenClientFactory>().GetClient(clientName),
            scopeList,
            services.GetRequiredService<ILogger<CognitoAccessTokenHandler>>()));
    }
}
