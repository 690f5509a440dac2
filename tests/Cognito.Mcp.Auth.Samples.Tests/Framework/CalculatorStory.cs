using System.Net;
using System.Net.Sockets;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>LocalCognito in-process plus CalculatorServer as a process, configured the way a user would, on loopback ports.</summary>
internal sealed class CalculatorStory : IAsyncDisposable
{
    /// <summary>The bridge's app client in these tests: fixed, so it can be added to the pool before the server starts.</summary>
    public const string BridgeClientId = "samplestestsbridgeclient01";

    /// <summary>Its secret. Tests only.</summary>
    public const string BridgeClientSecret = "samplestestsbridgesecretnotforproductionuse00000001";

    private CalculatorStory(LocalCognito cognito, SampleProcess server, string serverUrl)
    {
        Cognito = cognito;
        Server = server;
        BaseUrl = serverUrl;
        McpUrl = serverUrl + "/mcp";
    }

    public LocalCognito Cognito { get; }

    public LocalUserPool Pool => Cognito.DevelopmentPool!;

    public SampleProcess Server { get; }

    /// <summary>Gets the server's origin, e.g. <c>http://127.0.0.1:41234</c>; with the bridge on, also the bridge's issuer.</summary>
    public string BaseUrl { get; }

    public string McpUrl { get; }

    public static async Task<CalculatorStory> StartAsync(CancellationToken cancellationToken, IDictionary<string, string?>? serverSettings = null)
    {
        var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: cancellationToken);
        return await StartServerAsync(cognito, "http://127.0.0.1:0", serverSettings, cancellationToken);
    }

    /// <summary>
    /// CalculatorServer with the authorization bridge on, as in its default configuration but on a free port: the bridge's
    /// callback URL (<c>{origin}/oauth/callback</c>) must be registered on its Cognito app client before anyone signs in,
    /// so the port is chosen first, the pool gets a bridge client for it and <c>Cognito:Resource</c> names it.
    /// </summary>
    public static async Task<CalculatorStory> StartWithBridgeAsync(CancellationToken cancellationToken, IDictionary<string, string?>? serverSettings = null)
    {
        var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: cancellationToken);
        var origin = $"http://127.0.0.1:{FreePort()}";
        cognito.DevelopmentPool!.AddClient(new LocalAppClientSettings
        {
            Name = "samples-tests-bridge",
            ClientId = BridgeClientId,
            GenerateSecret = true,
            ClientSecret = BridgeClientSecret,
            AllowedOAuthFlows = [LocalOAuthFlows.Code],
            AllowedOAuthScopes = [LocalCognitoDevelopmentPool.ReadScope, LocalCognitoDevelopmentPool.WriteScope],
            CallbackUrls = [origin + "/oauth/callback"],
        });
        var settings = new Dictionary<string, string?>
        {
            ["Cognito__Resource"] = origin + "/mcp",
            ["Cognito__AuthorizationBridge__ClientId"] = BridgeClientId,
            ["Cognito__AuthorizationBridge__ClientSecret"] = BridgeClientSecret,
        };
        foreach (var (key, value) in serverSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await StartServerAsync(cognito, origin, settings, cancellationToken);
    }

    private static async Task<CalculatorStory> StartServerAsync(LocalCognito cognito, string url, IDictionary<string, string?>? serverSettings, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Cognito__Issuer"] = cognito.DevelopmentPool!.Issuer,
        };
        foreach (var (key, value) in serverSettings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var server = SampleProcess.Start("CalculatorServer", environment, null, "--urls", url, "--contentRoot", Path.GetDirectoryName(RepositoryPaths.SampleDll("CalculatorServer"))!);
        try
        {
            var listening = await server.WaitForLineAsync(@"Now listening on: (http://127\.0\.0\.1:\d+)", cancellationToken);
            return new CalculatorStory(cognito, server, listening);
        }
        catch
        {
            await server.DisposeAsync();
            await cognito.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs M2MClient to completion against this story's server and LocalCognito.</summary>
    public async Task<(int ExitCode, string Output)> RunClientAsync(CancellationToken cancellationToken, IDictionary<string, string?>? settings = null, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Cognito__TokenEndpoint"] = Pool.TokenEndpoint.ToString(),
            ["Mcp__ServerUrl"] = McpUrl,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        await using var client = SampleProcess.Start("M2MClient", environment, null, arguments);
        var exitCode = await client.WaitForExitAsync(cancellationToken);
        return (exitCode, string.Join('\n', new[] { client.Stdout, client.Stderr }.Where(s => s.Length > 0))); // the story, then the error
    }

    /// <summary>A loopback port free right now (the server binds it a moment later; a clash fails the start, loudly).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Cognito.DisposeAsync();
    }
}
