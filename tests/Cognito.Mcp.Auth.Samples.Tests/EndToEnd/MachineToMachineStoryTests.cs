using System.Net;
using System.Net.Sockets;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.EndToEnd;

/// <summary>The user's M2M story with the real sample processes: CalculatorServer, M2MClient, LocalCognito.</summary>
public sealed class MachineToMachineStoryTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_gets_a_token_lists_the_tools_and_calls_every_one()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation);

        var (exitCode, output) = await story.RunClientAsync(Cancellation);

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n');
        Assert.Equal("No token provided. Getting M2M token from Cognito...", lines[0]);
        Assert.Matches(@"^Successfully obtained access token\. Token expires in (359\d|3600) seconds$", lines[1]);
        Assert.Equal(
            [
                "Available tools: add, subtract, multiply, divide, power, square_root",
                "10 + 20 = 30",
                "20 - 5 = 15",
                "6 * 7 = 42",
                "10 / 4 = 2.5",
                "2 ^ 10 = 1024",
                "sqrt(16) = 4",
                "10 / 0 -> error: Cannot divide by zero",
                "sqrt(-1) -> error: Cannot calculate square root of a negative number",
            ],
            lines[2..]);
        Assert.Equal(1, story.Cognito.Requests.Token);
    }

    [Fact]
    public async Task Server_logs_each_tool_call_with_the_client_id_and_never_the_token()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation);

        var (exitCode, _) = await story.RunClientAsync(Cancellation);

        Assert.Equal(0, exitCode);
        var log = await story.Server.WaitForLineAsync($"Tool square_root called by client ({LocalCognitoDevelopmentPool.M2MClientId})", Cancellation);
        Assert.Equal(LocalCognitoDevelopmentPool.M2MClientId, log);
        Assert.DoesNotContain("eyJ", story.Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provided_token_is_used_as_is()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation);
        var token = story.Pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);

        var (exitCode, output) = await story.RunClientAsync(Cancellation, null, "--token", token);

        Assert.True(exitCode == 0, output);
        Assert.StartsWith("Using provided token\nAvailable tools:", output, StringComparison.Ordinal);
        Assert.Equal(0, story.Cognito.Requests.Token);
    }

    [Fact]
    public async Task Expired_token_is_explained_from_the_challenge()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation);
        var token = story.Pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"], claims =>
        {
            claims["iat"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
            claims["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        });

        var (exitCode, output) = await story.RunClientAsync(Cancellation, null, "--token", token);

        Assert.Equal(3, exitCode);
        Assert.Equal(
            "Using provided token\nError connecting to MCP server: 401 Unauthorized. The access token expired (invalid_token; required scope: my-api/read). Get a fresh token, or run without --token to get one from Cognito.",
            output);
    }

    [Fact]
    public async Task Token_without_the_read_scope_is_refused_with_403()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation, new Dictionary<string, string?>
        {
            ["Cognito__AllowedClientIds__2"] = LocalCognitoDevelopmentPool.OtherApiM2MClientId,
        });

        var (exitCode, output) = await story.RunClientAsync(Cancellation, new Dictionary<string, string?>
        {
            ["Cognito__ClientId"] = LocalCognitoDevelopmentPool.OtherApiM2MClientId,
            ["Cognito__ClientSecret"] = LocalCognitoDevelopmentPool.OtherApiM2MClientSecret,
            ["Cognito__Scopes__0"] = LocalCognitoDevelopmentPool.OtherApiAdminScope,
        });

        Assert.Equal(4, exitCode);
        Assert.EndsWith(
            "Error connecting to MCP server: 403 Forbidden. The access token lacks the required scope (insufficient_scope; required scope: my-api/read). Allow the app client that scope in Cognito and request it (Cognito:Scopes).",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_client_secret_names_the_settings_and_never_the_secret()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation);
        const string WrongSecret = "wrong-secret-value-0123456789";

        var (exitCode, output) = await story.RunClientAsync(Cancellation, new Dictionary<string, string?> { ["Cognito__ClientSecret"] = WrongSecret });

        Assert.Equal(5, exitCode);
        Assert.Contains("invalid_client", output, StringComparison.Ordinal);
        Assert.Contains("Cognito:ClientSecret", output, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongSecret, output, StringComparison.Ordinal);
        Assert.Equal(1, story.Cognito.Requests.Token);
    }

    [Fact]
    public async Task Server_not_running_is_explained()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: Cancellation);
        var closedPort = ClosedLoopbackPort();

        await using var client = SampleProcess.Start("M2MClient", new Dictionary<string, string?>
        {
            ["Cognito__TokenEndpoint"] = cognito.DevelopmentPool!.TokenEndpoint.ToString(),
        }, null, "--server", $"http://127.0.0.1:{closedPort}/mcp");
        var exitCode = await client.WaitForExitAsync(Cancellation);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Error connecting to MCP server: cannot reach http://127.0.0.1:{closedPort}/mcp", client.Output, StringComparison.Ordinal);
        Assert.Contains("Is CalculatorServer running?", client.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cognito_not_running_is_one_clear_error_on_stderr_with_the_fix()
    {
        var closedPort = ClosedLoopbackPort();

        await using var client = SampleProcess.Start("M2MClient", new Dictionary<string, string?>
        {
            ["Cognito__TokenEndpoint"] = $"http://127.0.0.1:{closedPort}/domain/local-dev/oauth2/token",
            ["Cognito__RetryDelay"] = "00:00:00.050",
        });
        var exitCode = await client.WaitForExitAsync(Cancellation);

        Assert.Equal(5, exitCode);
        Assert.Equal("No token provided. Getting M2M token from Cognito...", client.Stdout);
        var error = Assert.Single(client.Stderr.Split('\n'));
        Assert.StartsWith($"Error getting M2M token: Could not reach the Cognito token endpoint http://127.0.0.1:{closedPort}/domain/local-dev/oauth2/token", error, StringComparison.Ordinal);
        Assert.EndsWith("Is LocalCognito running? Start it with: dotnet run --project samples/LocalCognito", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_adds_the_library_logs_on_stderr()
    {
        var closedPort = ClosedLoopbackPort();

        await using var client = SampleProcess.Start("M2MClient", new Dictionary<string, string?>
        {
            ["Cognito__TokenEndpoint"] = $"http://127.0.0.1:{closedPort}/domain/local-dev/oauth2/token",
            ["Cognito__RetryDelay"] = "00:00:00.050",
        }, null, "--verbose");
        var exitCode = await client.WaitForExitAsync(Cancellation);

        Assert.Equal(5, exitCode);
        Assert.Equal("No token provided. Getting M2M token from Cognito...", client.Stdout);
        Assert.Contains("Cognito.Mcp.Auth.Client.CognitoTokenClient", client.Stderr, StringComparison.Ordinal);
        Assert.Contains("retry 3", client.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_secrets_override_the_env_file()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: Cancellation);
        var home = Directory.CreateTempSubdirectory("home-");
        var envFile = Path.Combine(home.FullName, "setup.env");
        await File.WriteAllTextAsync(envFile, $"""
            CONFIDENTIAL_CLIENT_ID={LocalCognitoDevelopmentPool.M2MClientId}
            CONFIDENTIAL_CLIENT_SECRET=wrong-secret-from-the-env-file
            DOMAIN={cognito.DevelopmentPool!.DomainUrl}
            """, Cancellation);
        var secrets = Directory.CreateDirectory(Path.Combine(home.FullName, ".microsoft", "usersecrets", "cognito-mcp-auth-m2m-client"));
        await File.WriteAllTextAsync(
            Path.Combine(secrets.FullName, "secrets.json"),
            $$"""{ "Cognito:ClientSecret": "{{LocalCognitoDevelopmentPool.M2MClientSecret}}" }""",
            Cancellation);
        var closedPort = ClosedLoopbackPort();

        await using var client = SampleProcess.Start("M2MClient", new Dictionary<string, string?>
        {
            ["SETUP_ENV_FILE"] = envFile,
            ["HOME"] = home.FullName,
        }, null, "--server", $"http://127.0.0.1:{closedPort}/mcp");
        var exitCode = await client.WaitForExitAsync(Cancellation);

        // The token came with the secret from user-secrets (then the absent server is reported).
        Assert.Contains("Successfully obtained access token", client.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, exitCode);
        Assert.Equal(1, cognito.Requests.Token);
    }

    [Fact]
    public async Task Help_describes_the_options()
    {
        await using var client = SampleProcess.Start("M2MClient", new Dictionary<string, string?>(), null, "--help");

        Assert.Equal(0, await client.WaitForExitAsync(Cancellation));
        Assert.Contains("--token", client.Output, StringComparison.Ordinal);
        Assert.Contains("--server", client.Output, StringComparison.Ordinal);
        Assert.Contains("--verbose", client.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_refuses_to_start_without_its_configuration()
    {
        await using var server = StartServer(new Dictionary<string, string?>
        {
            ["Cognito__UserPoolId"] = "",
            ["Cognito__Resource"] = "",
        });

        Assert.Equal(1, await server.WaitForExitAsync(Cancellation));
        Assert.StartsWith("CalculatorServer is not configured:", server.Output, StringComparison.Ordinal);
        Assert.Contains("Cognito:UserPoolId is missing", server.Output, StringComparison.Ordinal);
        Assert.Contains("Cognito:Resource is missing", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal); // No stack trace.
    }

    [Fact]
    public async Task Server_refuses_the_local_emulator_in_production()
    {
        await using var server = StartServer(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        });

        Assert.Equal(1, await server.WaitForExitAsync(Cancellation));
        Assert.Contains("is a local emulator", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_refuses_the_local_emulator_in_staging()
    {
        await using var server = StartServer(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["DOTNET_ENVIRONMENT"] = "Staging",
        });

        Assert.Equal(1, await server.WaitForExitAsync(Cancellation));
        Assert.Contains("is a local emulator", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
    }

    private static SampleProcess StartServer(Dictionary<string, string?> environment) =>
        SampleProcess.Start("CalculatorServer", environment, null, "--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryPaths.SampleOutput("CalculatorServer"));

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
