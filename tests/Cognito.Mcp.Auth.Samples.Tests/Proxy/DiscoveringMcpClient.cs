using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ModelContextProtocol.Client;

namespace Cognito.Mcp.Auth.Samples.Tests.Proxy;

/// <summary>
/// An M2M client configured as a user would with only the MCP server's public URL: the token client discovers the
/// authorization server from it (<c>Cognito:McpServerUrl</c>, with <c>Cognito:ExpectedIssuer</c>), and the C# MCP SDK
/// calls through <c>AddCognitoAccessTokenHandler</c>. Every HTTP client trusts the run's test CA, not the system's roots.
/// </summary>
internal sealed class DiscoveringMcpClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DiscoveringMcpClient(ServiceProvider services, McpClient client)
    {
        _services = services;
        Client = client;
    }

    public McpClient Client { get; }

    /// <summary>
    /// Gets how many tokens Cognito issued to this client (event 4103). Not LocalCognito's request count: the C# SDK's
    /// first request (a <c>server/discover</c> probe with a 5 s timeout) may give up while discovery and the first
    /// token request are still under way on a loaded machine, and then the token is requested again.
    /// </summary>
    public int IssuedTokens => _services.GetRequiredService<FakeLogCollector>().GetSnapshot().Count(r => r.Id.Id == 4103);

    /// <summary>Gets what the token client, the HTTP clients and the MCP client logged, one line each (for failure messages).</summary>
    public string Log => string.Join('\n', _services.GetRequiredService<FakeLogCollector>().GetSnapshot().Select(r => $"{r.Timestamp:HH:mm:ss.fff} {r.Level} {r.Category}[{r.Id.Id}] {r.Message}"));

    public static async Task<DiscoveringMcpClient> ConnectAsync(ProxiedCalculator deployment, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cognito:McpServerUrl"] = deployment.McpUrl.AbsoluteUri,
            ["Cognito:ExpectedIssuer"] = deployment.Pool.Issuer,
            ["Cognito:ClientId"] = LocalCognitoDevelopmentPool.M2MClientId,
            ["Cognito:ClientSecret"] = LocalCognitoDevelopmentPool.M2MClientSecret,
            ["Cognito:Scopes:0"] = LocalCognitoDevelopmentPool.ReadScope,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(deployment.Tls.CreateHandler));
        services.AddCognitoTokenClient(configuration.GetSection("Cognito"));
        services.AddHttpClient("mcp").AddCognitoAccessTokenHandler();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            var transport = new HttpClientTransport(
                // CalculatorServer is stateless: no standalone GET stream (it answers 405), so every request is the client's own.
                new HttpClientTransportOptions { Endpoint = deployment.McpUrl, TransportMode = HttpTransportMode.StreamableHttp, EnableStandaloneGetStream = false },
                provider.GetRequiredService<IHttpClientFactory>().CreateClient("mcp"),
                ownsHttpClient: true);
            var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
            return new DiscoveringMcpClient(provider, client);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _services.DisposeAsync();
    }
}
