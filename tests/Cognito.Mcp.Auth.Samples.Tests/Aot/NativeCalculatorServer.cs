using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.Aot;

/// <summary>
/// The native AOT CalculatorServer binary running as its own process on a free port of 127.0.0.1, configured through
/// environment variables like <see cref="SampleHost"/> (Development, no <c>.env</c>), its content root the publish
/// folder (its <c>appsettings.json</c>). Killed on dispose.
/// </summary>
internal sealed class NativeCalculatorServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly ExternalProcess _process;

    private NativeCalculatorServer(ExternalProcess process, string baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the address the server listens on, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseAddress { get; }

    public string McpUrl => BaseAddress + "/mcp";

    public string Output => $"--- stdout ---\n{_process.Stdout}\n--- stderr ---\n{_process.Stderr}";

    /// <summary>Runs the binary to its exit, e.g. to see it refuse a configuration at start-up.</summary>
    public static Task<ProcessResult> RunAsync(NativeBinary binary, IDictionary<string, string?> settings) =>
        ExternalProcess.RunAsync(binary.Path, Arguments(binary), Environment(settings), StartTimeout, binary.WorkingDirectory);

    /// <summary>Starts the binary and waits until it listens.</summary>
    public static async Task<NativeCalculatorServer> StartAsync(NativeBinary binary, IDictionary<string, string?> settings)
    {
        var process = ExternalProcess.Start(binary.Path, Arguments(binary), Environment(settings), binary.WorkingDirectory);
        try
        {
            var line = await process.WaitForLineAsync(l => l.Contains("Now listening on: http://", StringComparison.Ordinal), StartTimeout);
            return new NativeCalculatorServer(process, line[line.IndexOf("http://", StringComparison.Ordinal)..].Trim().TrimEnd('/'));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static string[] Arguments(NativeBinary binary) => ["--urls", "http://127.0.0.1:0", "--contentRoot", binary.Folder];

    private static Dictionary<string, string?> Environment(IDictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["SETUP_ENV_FILE"] = "/dev/null",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }
}
