using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Setup;

/// <summary>
/// The "Next:" hint setup.sh prints after writing the env file to its default place, the repository root. It runs a
/// copy of setup.sh whose folder stands in for the repository root, so the real root's .env is never touched.
/// (<see cref="SetupScriptTests"/> checks the hint for an env file elsewhere.)
/// </summary>
public sealed class SetupScriptNextHintTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("setup-sh-root-").FullName;
    private LocalCognito _cognito = null!;

    private string EnvFilePath => Path.Combine(_root, ".env");

    public async ValueTask InitializeAsync()
    {
        _cognito = await LocalCognito.StartAsync();
        File.Copy(RepositoryPaths.SetupScript, Path.Combine(_root, "setup.sh"));
    }

    [Fact]
    public async Task Next_hint_at_the_repository_root_is_plain_dotnet_run()
    {
        var result = await RunSetupAsync(extraEnvironment: null);

        Assert.Contains($"Next: dotnet run --project samples/CalculatorServer, then dotnet run --project samples/WebLogin (open {SetupRun.AppUrl});", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("SETUP_ENV_FILE", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SETUP_ENV_FILE names another file")]
    [InlineData("samples/WebLogin has a .env of its own")]
    public async Task Next_hint_at_the_repository_root_names_it_with_SETUP_ENV_FILE_when_the_samples_would_read_another(string otherFile)
    {
        var elsewhere = Path.Combine(_root, "elsewhere.env");
        Dictionary<string, string?>? environment = null;
        if (otherFile.StartsWith("SETUP_ENV_FILE", StringComparison.Ordinal))
        {
            environment = new() { ["SETUP_ENV_FILE"] = elsewhere };
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(_root, "samples", "WebLogin"));
            File.WriteAllText(Path.Combine(_root, "samples", "WebLogin", ".env"), "USER_POOL_ID=us-east-1_Other0001\n");
        }

        var result = await RunSetupAsync(environment);

        Assert.Contains($"\n  SETUP_ENV_FILE={EnvFilePath} dotnet run --project samples/CalculatorServer\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\n  SETUP_ENV_FILE={EnvFilePath} dotnet run --project samples/WebLogin   (then open {SetupRun.AppUrl})\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Next: dotnet run", result.Stdout, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cognito is not null)
        {
            await _cognito.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Runs the copy without --env-file, so it writes its default, the stand-in root's .env.</summary>
    private async Task<ProcessResult> RunSetupAsync(Dictionary<string, string?>? extraEnvironment)
    {
        var result = await SetupScript.RunScriptAsync(
            Path.Combine(_root, "setup.sh"), AwsCli.FirstOnPath, _root, Path.Combine(_root, "aws-calls.log"), extraEnvironment,
            "us-east-1", SetupRun.AppUrl, "--endpoint-url", _cognito.BaseAddress, "--no-implicit");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(EnvFilePath), result.ToString());
        return result;
    }
}
