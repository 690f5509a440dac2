using System.Diagnostics;
using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.Aot;

/// <summary>The published native binary of CalculatorServer, its folder, and a working directory for its runs.</summary>
internal sealed record NativeBinary(string Path, string Folder, string WorkingDirectory);

/// <summary>
/// Publishes CalculatorServer with native AOT once for the tests of the class (minutes of ILC and a native link), the
/// way the README says: <c>dotnet publish samples/CalculatorServer -c Release -r linux-x64 -p:PublishAot=true</c>.
/// Everything it writes (restore, obj, bin, the binary) goes to a temporary folder (<c>--artifacts-path</c>), never to
/// the source tree, and is deleted on dispose. Every trim or AOT warning, ours or a package's, fails the publish
/// (TreatWarningsAsErrors in Directory.Build.props); a failed publish fails each test with the tail of its output.
/// </summary>
public sealed class NativePublishFixture : IAsyncDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(30);
    private readonly string _root = Directory.CreateTempSubdirectory("aot-calculator-").FullName;
    private readonly Lock _lock = new();
    private Task<NativeBinary>? _binary;

    /// <summary>Gets the binary, publishing it on first use.</summary>
    internal Task<NativeBinary> GetAsync()
    {
        lock (_lock)
        {
            return _binary ??= PublishAsync();
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }

        return ValueTask.CompletedTask;
    }

    private async Task<NativeBinary> PublishAsync()
    {
        var output = Path.Combine(_root, "publish");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string[] arguments =
        [
            "publish", Path.Combine(RepositoryPaths.Root, "samples", "CalculatorServer", "CalculatorServer.csproj"),
            "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
            "--artifacts-path", Path.Combine(_root, "artifacts"), "-o", output,
            "--disable-build-servers", "-nologo",
        ];
        var watch = Stopwatch.StartNew();
        ProcessResult result;
        try
        {
            result = await ExternalProcess.RunAsync(dotnet, arguments, PublishEnvironment(), PublishTimeout, _root);
        }
        catch (TimeoutException timeout)
        {
            throw new InvalidOperationException($"The native AOT publish did not finish within {PublishTimeout.TotalMinutes} minutes.\n{Tail(timeout.Message)}", timeout);
        }

        var binary = Path.Combine(output, "CalculatorServer");
        if (result.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"The native AOT publish failed (exit code {result.ExitCode}, {watch.Elapsed.TotalSeconds:F0} s): dotnet {string.Join(' ', arguments)}\n"
                + $"Its last lines:\n{Tail(result.Output)}");
        }

        TestContext.Current.SendDiagnosticMessage($"Native AOT publish of CalculatorServer: {watch.Elapsed.TotalSeconds:F0} s, {new FileInfo(binary).Length / 1024 / 1024} MiB.");
        return new NativeBinary(binary, output, Directory.CreateDirectory(Path.Combine(_root, "run")).FullName);
    }

    /// <summary>The SDK's telemetry banner and the test host's MSBuild settings kept away from the publish.</summary>
    private static Dictionary<string, string?> PublishEnvironment() => new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDNOINPROCNODE"] = null,
        ["MSBuildExtensionsPath"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
    };

    private static string Tail(string output) =>
        string.Join('\n', output.Split('\n').Where(line => line.Trim().Length > 0).TakeLast(60));
}
