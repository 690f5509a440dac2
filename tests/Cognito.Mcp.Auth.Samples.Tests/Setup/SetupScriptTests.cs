using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Cognito.Mcp.Auth.Samples.Tests.Setup;

/// <summary>setup.sh run for real (bash, the AWS CLI) against LocalCognito's management API.</summary>
public sealed class SetupScriptTests(SetupFixture fixture) : IClassFixture<SetupFixture>
{
    private static readonly string[] EnvKeys =
    [
        "REGION", "DOMAIN", "USER_POOL_ID", "PUBLIC_CLIENT_ID", "PUBLIC_CLIENT_SECRET", "CONFIDENTIAL_CLIENT_ID",
        "CONFIDENTIAL_CLIENT_SECRET", "REDIRECT_URI", "LOGOUT_URI", "ISSUER",
    ];

    private Dictionary<string, string> Env => EnvFile.Read(fixture.EnvFilePath);

    [Fact]
    public void Setup_succeeds_and_writes_every_key_to_an_env_file_only_the_owner_can_read()
    {
        Assert.True(fixture.Result.ExitCode == 0, fixture.Result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.EnvFilePath));

        var env = Env;
        foreach (var key in EnvKeys)
        {
            Assert.True(env.TryGetValue(key, out var value) && value.Length > 0, $"{key} is missing from the env file:\n{File.ReadAllText(fixture.EnvFilePath)}");
        }

        var pool = fixture.Cognito.GetUserPool(env["USER_POOL_ID"]);
        Assert.Equal("us-east-1", env["REGION"]);
        Assert.Equal(pool.Issuer, env["ISSUER"]);
        Assert.Equal(pool.DomainUrl!.ToString(), env["DOMAIN"]); // LocalCognito's path-based domain.
        Assert.Equal($"{SetupFixture.AppUrl}/callback", env["REDIRECT_URI"]);
        Assert.Equal($"{SetupFixture.AppUrl}/logout", env["LOGOUT_URI"]);
        Assert.Equal(fixture.Cognito.BaseAddress, env["SETUP_ENDPOINT_URL"]);
        Assert.Equal(pool.DomainPrefix, env["SETUP_DOMAIN_PREFIX"]);
        Assert.Empty(System.IO.Directory.GetFiles(fixture.Directory, ".setup-env.*")); // No temporary file left behind.
    }

    [Fact]
    public void Secrets_go_to_the_env_file_and_never_to_the_terminal()
    {
        var env = Env;
        foreach (var secret in new[] { env["PUBLIC_CLIENT_SECRET"], env["CONFIDENTIAL_CLIENT_SECRET"] })
        {
            Assert.DoesNotContain(secret, fixture.Result.Output, StringComparison.Ordinal);
        }

        Assert.Contains(fixture.EnvFilePath, fixture.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains("implicit grant is deprecated", fixture.Result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_resource_server_and_clients_are_created_as_the_document_describes()
    {
        var env = Env;
        var pool = fixture.Cognito.GetUserPool(env["USER_POOL_ID"]);
        Assert.Equal("mcp-server-pool", pool.Name);
        var api = Assert.Single(pool.ResourceServers);
        Assert.Equal("my-api", api.Identifier);
        Assert.Equal(["read", "write"], api.ScopeNames.Order());

        var web = pool.FindClient(env["PUBLIC_CLIENT_ID"])!;
        Assert.NotNull(web.ClientSecret);
        Assert.Equal(["code", "implicit"], web.AllowedOAuthFlows.Order());
        Assert.Equal(["email", "my-api/read", "openid", "profile"], web.AllowedOAuthScopes.Order());
        Assert.Equal([$"{SetupFixture.AppUrl}/callback"], web.CallbackUrls);
        Assert.Equal([$"{SetupFixture.AppUrl}/logout"], web.LogoutUrls);
        Assert.True(web.AllowedOAuthFlowsUserPoolClient);

        var m2m = pool.FindClient(env["CONFIDENTIAL_CLIENT_ID"])!;
        Assert.NotNull(m2m.ClientSecret);
        Assert.Equal(["client_credentials"], m2m.AllowedOAuthFlows);
        Assert.Equal(["my-api/read", "my-api/write"], m2m.AllowedOAuthScopes.Order());
        Assert.True(m2m.AllowedOAuthFlowsUserPoolClient); // The original forgot it; real Cognito then refuses the grant.

        // LocalCognito does not keep a pool's password policy or schema (DescribeUserPool always answers its
        // defaults), so these are checked on the AWS CLI call setup.sh made.
        var createPool = Assert.Single(File.ReadAllLines(fixture.AwsCallLog), call => call.StartsWith("cognito-idp create-user-pool ", StringComparison.Ordinal));
        Assert.Contains("\"MinimumLength\":12,\"RequireUppercase\":true,\"RequireLowercase\":true,\"RequireNumbers\":true,\"RequireSymbols\":true", createPool, StringComparison.Ordinal);
        Assert.Contains("--auto-verified-attributes email", createPool, StringComparison.Ordinal);
        Assert.Contains("Name=email,AttributeDataType=String,Required=true,Mutable=true", createPool, StringComparison.Ordinal);
    }

    [Fact]
    public async Task M2M_client_gets_a_client_credentials_token_from_the_token_endpoint()
    {
        var env = Env;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, env["DOMAIN"] + "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{env["CONFIDENTIAL_CLIENT_ID"]}:{env["CONFIDENTIAL_CLIENT_SECRET"]}")));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["access_token"]?.GetValue<string>()));
    }

    [Fact]
    public async Task CalculatorServer_started_with_the_env_file_accepts_the_M2M_token()
    {
        var env = Env;
        var pool = fixture.Cognito.GetUserPool(env["USER_POOL_ID"]);
        var token = pool.IssueAccessToken(env["CONFIDENTIAL_CLIENT_ID"], ["my-api/read", "my-api/write"]);

        // Given the .env (SETUP_ENV_FILE, as for setup.sh --env-file) and no other Cognito setting: the file alone configures it.
        await using var server = await SampleHost.StartAsync("CalculatorServer", new Dictionary<string, string?> { ["SETUP_ENV_FILE"] = fixture.EnvFilePath });
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri($"{server.BaseAddress}/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });
        // A long discover probe: a cold server must not push the SDK into its initialize fallback (see M2MDemo.cs).
        var options = new McpClientOptions { DiscoverProbeTimeout = TimeSpan.FromSeconds(10) };
        await using var client = await McpClient.CreateAsync(transport, options, cancellationToken: TestContext.Current.CancellationToken);
        var result = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 10, ["b"] = 20 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("30", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task WebLogin_started_with_the_env_file_sends_users_to_the_new_pools_login_with_pkce()
    {
        var env = Env;
        await using var app = await SampleHost.StartAsync("WebLogin", new Dictionary<string, string?> { ["SETUP_ENV_FILE"] = fixture.EnvFilePath });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync($"{app.BaseAddress}/login", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(env["DOMAIN"] + "/oauth2/authorize?", location, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal(env["PUBLIC_CLIENT_ID"], query["client_id"].ToString());
        Assert.Equal(env["REDIRECT_URI"], query["redirect_uri"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal("openid email profile my-api/read", query["scope"].ToString());
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
    }

    [Fact]
    public async Task Rerun_with_the_same_env_file_stops_before_touching_Cognito()
    {
        var log = Path.Combine(fixture.Directory, "rerun-same.log");
        var before = File.ReadAllText(fixture.EnvFilePath);
        var result = await SetupScript.RunAsync(fixture.Directory, log, "us-east-1", SetupFixture.AppUrl, "--endpoint-url", fixture.Cognito.BaseAddress, "--env-file", fixture.EnvFilePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--teardown", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(log)); // No AWS call at all.
        Assert.Equal(before, File.ReadAllText(fixture.EnvFilePath));
    }

    [Fact]
    public async Task Rerun_with_another_env_file_finds_the_pool_by_name_and_creates_no_duplicate()
    {
        var otherEnv = Path.Combine(fixture.Directory, "other.env");
        var result = await SetupScript.RunAsync(fixture.Directory, Path.Combine(fixture.Directory, "rerun-other.log"), "us-east-1", SetupFixture.AppUrl, "--endpoint-url", fixture.Cognito.BaseAddress, "--env-file", otherEnv);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"a user pool named 'mcp-server-pool' already exists ({Env["USER_POOL_ID"]})", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("bash setup.sh --teardown", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--pool-name <another-name>", result.Stderr, StringComparison.Ordinal);
        Assert.Single(fixture.Cognito.UserPools, p => p.Name == "mcp-server-pool");
        Assert.False(File.Exists(otherEnv));
    }

    [Fact]
    public async Task Teardown_deletes_the_domain_and_the_pool_then_the_env_file()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("setup-sh-teardown-").FullName;
        try
        {
            var envFile = Path.Combine(directory, "teardown.env");
            var log = Path.Combine(directory, "aws-calls.log");
            var setup = await SetupScript.RunAsync(directory, log, "us-east-1", "http://127.0.0.1:5000", "--endpoint-url", fixture.Cognito.BaseAddress, "--env-file", envFile, "--pool-name", "teardown-test", "--domain-prefix", "teardown-test", "--no-implicit");
            Assert.True(setup.ExitCode == 0, setup.ToString());
            Assert.DoesNotContain("implicit grant is deprecated", setup.Stderr, StringComparison.Ordinal);
            var env = EnvFile.Read(envFile);
            var poolId = env["USER_POOL_ID"];
            Assert.Equal(["code"], fixture.Cognito.GetUserPool(poolId).FindClient(env["PUBLIC_CLIENT_ID"])!.AllowedOAuthFlows);

            var teardown = await SetupScript.RunAsync(directory, log, "--teardown", "--env-file", envFile);

            Assert.True(teardown.ExitCode == 0, teardown.ToString());
            var (status, body) = await CognitoManagementApi.CallAsync(fixture.Cognito, "DescribeUserPool", new JsonObject { ["UserPoolId"] = poolId });
            Assert.Equal(400, status);
            Assert.Equal("ResourceNotFoundException", body["__type"]?.GetValue<string>());
            Assert.False(File.Exists(envFile));
            var calls = File.ReadAllLines(log);
            Assert.True(
                Array.FindIndex(calls, c => c.StartsWith("cognito-idp delete-user-pool-domain", StringComparison.Ordinal))
                < Array.FindIndex(calls, c => c.StartsWith("cognito-idp delete-user-pool ", StringComparison.Ordinal)),
                string.Join('\n', calls));
            Assert.Contains(fixture.Cognito.UserPools, p => p.Name == "mcp-server-pool"); // Nothing else deleted.
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
