using System.Net;
using System.Net.Sockets;
using Cognito.Mcp.Auth.Bridge.Internal;
using Cognito.Mcp.Auth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>
/// LocalCognito's development pool plus an MCP server with the authorization bridge on, on a loopback port chosen
/// before start (the bridge's callback URL must be registered on its Cognito app client, as with real Cognito).
/// </summary>
internal sealed class BridgeTestHost : IAsyncDisposable
{
    public const string BridgeClientId = "testbridgeclient0000000001";
    public const string BridgeClientSecret = "testbridgesecret-only-for-these-tests-000000000001";

    private BridgeTestHost(LocalCognito cognito, McpTestServer server)
    {
        Cognito = cognito;
        Server = server;
    }

    public LocalCognito Cognito { get; }

    public McpTestServer Server { get; }

    public LocalUserPool Pool => Cognito.DevelopmentPool!;

    public string Issuer => Server.BaseUrl;

    public string Resource => Server.BaseUrl + "/mcp";

    public static async Task<BridgeTestHost> StartAsync(
        Action<CognitoAuthorizationBridgeOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null,
        string environment = "Development")
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var cognito = await TestCognito.StartAsync(cancellationToken);
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        cognito.DevelopmentPool!.AddClient(new LocalAppClientSettings
        {
            Name = "test-bridge",
            ClientId = BridgeClientId,
            GenerateSecret = true,
            ClientSecret = BridgeClientSecret,
            AllowedOAuthFlows = [LocalOAuthFlows.Code],
            AllowedOAuthScopes = [LocalCognitoDevelopmentPool.ReadScope, LocalCognitoDevelopmentPool.WriteScope],
            CallbackUrls = [baseUrl + CognitoAuthorizationBridgeDefaults.CallbackPath],
        });

        var settings = McpTestServer.DefaultSettings(cognito.DevelopmentPool, LocalCognitoDevelopmentPool.M2MClientId);
        settings["Cognito:Resource"] = baseUrl + "/mcp";
        settings["Cognito:ScopesSupported:0"] = "my-api/read";
        settings["Cognito:ScopesSupported:1"] = "my-api/write";
        settings["Cognito:AuthorizationBridge:ClientId"] = BridgeClientId;
        settings["Cognito:AuthorizationBridge:ClientSecret"] = BridgeClientSecret;
        try
        {
            var server = await McpTestServer.StartAsync(
                settings,
                services =>
                {
                    services.AddCognitoAuthorizationBridge(CognitoAuthorizationBridgeDefaults.ConfigurationSection, configure);
                    if (TestCognito.BackchannelHandler() is not null)
                    {
                        services.AddHttpClient(CognitoUpstream.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => TestCognito.BackchannelHandler()!);
                    }

                    configureServices?.Invoke(services);
                },
                environment,
                configureApp: app => app.MapCognitoAuthorizationBridge(),
                url: baseUrl);
            return new BridgeTestHost(cognito, server);
        }
        catch
        {
            await cognito.DisposeAsync();
            throw;
        }
    }

    /// <summary>A browser: cookies, no automatic redirects, trusting the run's certificate.</summary>
    public SignInBrowser NewBrowser() => new(this);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Cognito.DisposeAsync();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
