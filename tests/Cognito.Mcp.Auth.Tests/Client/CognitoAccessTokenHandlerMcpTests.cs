using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Cognito.Mcp.Auth.Tests.Client;

/// <summary>The DelegatingHandler inside the C# MCP client, against a real MCP server protected by AddCognitoMcpAuth.</summary>
public sealed class CognitoAccessTokenHandlerMcpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IList<McpClientTool>> ListToolsAsync(ServiceProvider services, Uri endpoint)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("mcp");
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint }, http, ownsHttpClient: true);
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);
        return await client.ListToolsAsync(cancellationToken: Ct);
    }

    private static ServiceProvider ClientServices(LocalUserPool pool)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCognitoTokenClient(options =>
        {
            options.TokenEndpoint = pool.TokenEndpoint;
            options.ClientId = LocalCognitoDevelopmentPool.M2MClientId;
            options.ClientSecret = LocalCognitoDevelopmentPool.M2MClientSecret;
            options.Scopes.Add("my-api/read");
        });
        services.AddHttpClient("mcp").AddCognitoAccessTokenHandler();
        services.TrustRunCertificate();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Mcp_client_sends_the_cached_token_and_asks_cognito_once()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(cognito.DevelopmentPool!, LocalCognitoDevelopmentPool.M2MClientId));
        await using var services = ClientServices(cognito.DevelopmentPool!);

        Assert.Equal(["echo", "whoami"], (await ListToolsAsync(services, server.McpEndpoint)).Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["echo", "whoami"], (await ListToolsAsync(services, server.McpEndpoint)).Select(t => t.Name).Order(StringComparer.Ordinal));

        Assert.Equal(1, cognito.Requests.Token);
    }

    [Fact]
    public async Task Token_the_server_calls_invalid_is_renewed_once_and_the_request_retried()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        await using var services = ClientServices(pool);
        var cached = await services.GetRequiredService<ICognitoTokenClient>().GetTokenAsync(cancellationToken: Ct);

        // The cached token's key disappears from the JWKS: the server answers 401 invalid_token to it.
        pool.RotateSigningKeys(keepPreviousKeysInJwks: false);
        var tools = await ListToolsAsync(services, server.McpEndpoint);

        Assert.Equal(["echo", "whoami"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, cognito.Requests.Token);
        var renewed = await services.GetRequiredService<ICognitoTokenClient>().GetTokenAsync(cancellationToken: Ct);
        Assert.NotEqual(cached.Value, renewed.Value);
    }

    [Fact]
    public async Task Token_refused_again_after_renewal_is_not_retried_a_second_time()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        // The server allows another client only: every token of ours is refused with invalid_token.
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.WebClientId));
        await using var services = ClientServices(pool);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => ListToolsAsync(services, server.McpEndpoint));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(2, cognito.Requests.Token);
    }
}
