using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.WebLogin;

/// <summary>WebLogin's start-up checks, run as a real process.</summary>
public sealed class WebLoginConfigurationTests
{
    [Fact]
    public async Task Production_refuses_the_LocalCognito_defaults_and_names_the_settings()
    {
        var directory = Directory.CreateTempSubdirectory("weblogin-prod-").FullName;
        try
        {
            var folder = RepositoryPaths.SampleOutput("WebLogin");
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            var result = await ExternalProcess.RunAsync(
                dotnet,
                [Path.Combine(folder, "WebLogin.dll"), "--urls", "http://127.0.0.1:0", "--contentRoot", folder],
                new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["SETUP_ENV_FILE"] = "/dev/null" },
                TimeSpan.FromSeconds(60),
                directory);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Cognito:Authority 'http://127.0.0.1:9229/us-east-1_LocalDev1' is plain http or a loopback address", result.Output, StringComparison.Ordinal);
            Assert.Contains("Cognito:Domain 'http://127.0.0.1:9229/domain/local-dev' is plain http or a loopback address", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
