using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>LocalCognito in-process plus CalculatorServer as a process, configured the way a user would, on loopback ports.</summary>
internal sealed class CalculatorStory : IAsyncDisposable
{
    private CalculatorStory(LocalCognito cognito, SampleProcess server, string serverUrl)
    {
        Cognito = cognito;
        Server = server;
        McpUrl = serverUrl + "/mcp";
    }

    public LocalCognito Cognito { get; }

    public LocalUserPool Pool => Cognito.DevelopmentPool!;

    public SampleProcess Server { get; }

    public string McpUrl { get; }

    public static async Task<CalculatorStory> StartAsync(CancellationToken cancellationToken, IDictionary<string, string?>? serverSettings = null)
    {
        var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: cancellationToken);
        var environment = new Dictionary<string, string?>
        {
            ["Cognito__Issuer"] = cognito.DevelopmentPool!.Issuer,
        };
        foreach (var (key, value) in serverSettings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var server = SampleProcess.Start("CalculatorServer", environment, null, "--urls", "http://127.0.0.1:0", "--contentRoot", Path.GetDirectoryName(RepositoryPaths.SampleDll("CalculatorServer"))!);
        var url = await server.WaitForLineAsync(@"Now listening on: (http://127\.0\.0\.1:\d+)", cancellationToken);
        return new CalculatorStory(cognito, server, url);
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

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Cognito.DisposeAsync();
    }
}
