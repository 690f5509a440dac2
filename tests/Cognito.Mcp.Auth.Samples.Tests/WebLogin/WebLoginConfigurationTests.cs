using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.WebLogin;

/// <summary>WebLogin's start-up checks, run as a real process: the problems on stderr, exit code 1, no stack trace.</summary>
public sealed class WebLoginConfigurationTests
{
    [Fact]
    public async Task Production_refuses_the_LocalCognito_defaults_and_names_the_settings()
    {
        var result = await RunAsync(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("WebLogin is not configured:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Cognito:Authority 'http://127.0.0.1:9229/us-east-1_LocalDev1' is plain http or a loopback address", result.Output, StringComparison.Ordinal);
        Assert.Contains("Cognito:Domain 'http://127.0.0.1:9229/domain/local-dev' is plain http or a loopback address", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal); // No stack trace.
    }

    [Fact]
    public async Task Missing_M2M_client_secret_stops_start_up_with_the_setting_named()
    {
        var result = await RunAsync(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["M2M__ClientSecret"] = "" });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("WebLogin is not configured:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("M2M:ClientSecret", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    private static async Task<ProcessResult> RunAsync(Dictionary<string, string?> environment)
    {
        var directory = Directory.CreateTempSubdirectory("weblogin-config-").FullName;
        try
        {
            var folder = RepositoryPaths.SampleOutput("WebLogin");
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            environment["SETUP_ENV_FILE"] = "/dev/null"; // No developer's .env.
            return await ExternalProcess.RunAsync(
                dotnet,
                [Path.Combine(folder, "WebLogin.dll"), "--urls", "http://127.0.0.1:0", "--contentRoot", folder],
                environment,
                TimeSpan.FromSeconds(60),
                directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
