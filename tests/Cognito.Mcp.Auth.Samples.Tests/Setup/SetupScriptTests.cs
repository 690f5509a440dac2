using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Cognito.Mcp.Auth.Samples.Tests.Setup;

/// <summary>
/// setup.sh run for real (bash, the AWS CLI) against LocalCognito's management API. The theories run once per distinct
/// AWS CLI (<see cref="AwsCli.All"/>: v1 and v2 where both are installed); the facts check what does not depend on the
/// CLI, with the one setup.sh runs for a user, the first on PATH.
/// </summary>
public sealed class SetupScriptTests(SetupFixture fixture) : IClassFixture<SetupFixture>
{
    private static readonly string[] EnvKeys =
    [
        "REGION", "DOMAIN", "USER_POOL_ID", "PUBLIC_CLIENT_ID", "PUBLIC_CLIENT_SECRET", "CONFIDENTIAL_CLIENT_ID",
        "CONFIDENTIAL_CLIENT_SECRET", "REDIRECT_URI", "LOGOUT_URI", "ISSUER", "MCP_SERVER_URL", "BRIDGE_CLIENT_ID",
        "BRIDGE_CLIENT_SECRET",
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(AwsCli.All), MemberType = typeof(AwsCli))]
    public async Task Setup_succeeds_and_writes_every_key_to_an_env_file_only_the_owner_can_read(AwsCli aws)
    {
        var run = await fixture.RunWithAsync(aws);
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(run.EnvFilePath));

        var env = EnvFile.Read(run.EnvFilePath);
        foreach (var key in EnvKeys)
        {
            Assert.True(env.TryGetValue(key, out var value) && value.Length > 0, $"{key} is missing from the env file:\n{File.ReadAllText(run.EnvFilePath)}");
        }

        var pool = run.Cognito.GetUserPool(env["USER_POOL_ID"]);
        Assert.Equal("us-east-1", env["REGION"]);
        Assert.Equal(pool.Issuer, env["ISSUER"]);
        Assert.Equal(pool.DomainUrl!.ToString(), env["DOMAIN"]); // LocalCognito's path-based domain.
        Assert.Equal($"{SetupRun.AppUrl}/callback", env["REDIRECT_URI"]);
        Assert.Equal($"{SetupRun.AppUrl}/logout", env["LOGOUT_URI"]);
        Assert.Equal(run.Cognito.BaseAddress, env["SETUP_ENDPOINT_URL"]);
        Assert.Equal(pool.DomainPrefix, env["SETUP_DOMAIN_PREFIX"]);
        Assert.Empty(System.IO.Directory.GetFiles(run.Directory, ".setup-env.*")); // No temporary file left behind.
    }

    [Theory]
    [MemberData(nameof(AwsCli.All), MemberType = typeof(AwsCli))]
    public async Task Secrets_go_to_the_env_file_and_never_to_the_terminal(AwsCli aws)
    {
        var run = await fixture.RunWithAsync(aws);
        var env = EnvFile.Read(run.EnvFilePath);
        foreach (var secret in new[] { env["PUBLIC_CLIENT_SECRET"], env["CONFIDENTIAL_CLIENT_SECRET"], env["BRIDGE_CLIENT_SECRET"] })
        {
            Assert.DoesNotContain(secret, run.Result.Output, StringComparison.Ordinal);
        }

        Assert.Contains(run.EnvFilePath, run.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains("implicit grant is deprecated", run.Result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwsCli.All), MemberType = typeof(AwsCli))]
    public async Task Pool_resource_server_and_clients_are_created_as_the_document_describes(AwsCli aws)
    {
        var run = await fixture.RunWithAsync(aws);
        var env = EnvFile.Read(run.EnvFilePath);
        var pool = run.Cognito.GetUserPool(env["USER_POOL_ID"]);
        Assert.Equal("mcp-server-pool", pool.Name);
        var api = Assert.Single(pool.ResourceServers);
        Assert.Equal("my-api", api.Identifier);
        Assert.Equal(["read", "write"], api.ScopeNames.Order());

        var web = pool.FindClient(env["PUBLIC_CLIENT_ID"])!;
        Assert.NotNull(web.ClientSecret);
        Assert.Equal(["code", "implicit"], web.AllowedOAuthFlows.Order());
        Assert.Equal(["email", "my-api/read", "openid", "profile"], web.AllowedOAuthScopes.Order());
        Assert.Equal([$"{SetupRun.AppUrl}/callback"], web.CallbackUrls);
        Assert.Equal([$"{SetupRun.AppUrl}/logout"], web.LogoutUrls);
        Assert.True(web.AllowedOAuthFlowsUserPoolClient);

        var m2m = pool.FindClient(env["CONFIDENTIAL_CLIENT_ID"])!;
        Assert.NotNull(m2m.ClientSecret);
        Assert.Equal(["client_credentials"], m2m.AllowedOAuthFlows);
        Assert.Equal(["my-api/read", "my-api/write"], m2m.AllowedOAuthScopes.Order());
        Assert.True(m2m.AllowedOAuthFlowsUserPoolClient); // The original forgot it; real Cognito then refuses the grant.

        // The authorization bridge's confidential client: code grant only, this API's scopes only, its own callback.
        var bridge = pool.FindClient(env["BRIDGE_CLIENT_ID"])!;
        Assert.Equal("mcp-bridge", bridge.Name);
        Assert.NotNull(bridge.ClientSecret);
        Assert.Equal(["code"], bridge.AllowedOAuthFlows);
        Assert.Equal(["my-api/read", "my-api/write"], bridge.AllowedOAuthScopes.Order());
        Assert.Equal(["http://localhost:8080/oauth/callback"], bridge.CallbackUrls);
        Assert.True(bridge.AllowedOAuthFlowsUserPoolClient);
        Assert.Equal("http://localhost:8080", env["MCP_SERVER_URL"]);

        // LocalCognito does not keep a pool's password policy or schema (DescribeUserPool always answers its
        // defaults), so these are checked on the AWS CLI call setup.sh made.
        var createPool = Assert.Single(File.ReadAllLines(run.AwsCallLog), call => call.StartsWith("cognito-idp create-user-pool ", StringComparison.Ordinal));
        Assert.Contains("\"MinimumLength\":12,\"RequireUppercase\":true,\"RequireLowercase\":true,\"RequireNumbers\":true,\"RequireSymbols\":true", createPool, StringComparison.Ordinal);
        Assert.Contains("--auto-verified-attributes email", createPool, StringComparison.Ordinal);
        Assert.Contains("Name=email,AttributeDataType=String,Required=true,Mutable=true", createPool, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwsCli.All), MemberType = typeof(AwsCli))]
    public async Task M2M_client_gets_a_client_credentials_token_from_the_token_endpoint(AwsCli aws)
    {
        var run = await fixture.RunWithAsync(aws);
        var env = EnvFile.Read(run.EnvFilePath);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, env["DOMAIN"] + "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{env["CONFIDENTIAL_CLIENT_ID"]}:{env["CONFIDENTIAL_CLIENT_SECRET"]}")));
        using var response = await http.SendAsync(request, Cancellation);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;

        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["access_token"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Next_hint_names_an_env_file_outside_the_repository_root_with_SETUP_ENV_FILE()
    {
        var run = await fixture.RunWithAsync(AwsCli.FirstOnPath);

        // The samples find no .env there by themselves; SETUP_ENV_FILE comes first (see SetupEnvFile.Find).
        Assert.Contains("Next: start the samples with SETUP_ENV_FILE naming this file; without it they read .env from their own folder,", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\n  SETUP_ENV_FILE={run.EnvFilePath} dotnet run --project samples/CalculatorServer\n", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\n  SETUP_ENV_FILE={run.EnvFilePath} dotnet run --project samples/WebLogin   (then open {SetupRun.AppUrl})\n", run.Result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalculatorServer_started_with_the_env_file_accepts_the_M2M_token()
    {
        var run = await fixture.RunWithAsync(AwsCli.FirstOnPath);
        var env = EnvFile.Read(run.EnvFilePath);
        var pool = run.Cognito.GetUserPool(env["USER_POOL_ID"]);
        var token = pool.IssueAccessToken(env["CONFIDENTIAL_CLIENT_ID"], ["my-api/read", "my-api/write"]);

        // Given the .env (SETUP_ENV_FILE, as for setup.sh --env-file) and no other Cognito setting: the file alone configures it.
        await using var server = await SampleHost.StartAsync("CalculatorServer", new Dictionary<string, string?> { ["SETUP_ENV_FILE"] = run.EnvFilePath });
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri($"{server.BaseAddress}/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });
        // A long discover probe: a cold server must not push the SDK into its initialize fallback (see M2MDemo.cs).
        var options = new McpClientOptions { DiscoverProbeTimeout = TimeSpan.FromSeconds(10) };
        await using var client = await McpClient.CreateAsync(transport, options, cancellationToken: Cancellation);
        var result = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 10, ["b"] = 20 }, cancellationToken: Cancellation);

        Assert.Equal("30", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task CalculatorServer_started_with_the_env_file_sends_interactive_clients_to_the_new_pools_login_through_its_bridge()
    {
        var run = await fixture.RunWithAsync(AwsCli.FirstOnPath);
        var env = EnvFile.Read(run.EnvFilePath);
        await using var server = await SampleHost.StartAsync("CalculatorServer", new Dictionary<string, string?> { ["SETUP_ENV_FILE"] = run.EnvFilePath });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() });

        using var registered = await http.PostAsync(
            $"{server.BaseAddress}/oauth/register",
            new StringContent("{\"redirect_uris\":[\"http://127.0.0.1:33418/\"],\"client_name\":\"setup test\"}", System.Text.Encoding.UTF8, "application/json"),
            Cancellation);
        var clientId = JsonNode.Parse(await registered.Content.ReadAsStringAsync(Cancellation))!["client_id"]!.GetValue<string>();
        var authorize = $"{server.BaseAddress}/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri=http%3A%2F%2F127.0.0.1%3A33418%2F"
            + "&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&scope=my-api%2Fread";
        using var consentPage = await http.GetAsync(authorize, Cancellation);
        var html = await consentPage.Content.ReadAsStringAsync(Cancellation);
        var fields = System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["decision"] = "allow";
        using var consented = await http.PostAsync($"{server.BaseAddress}/oauth/consent", new FormUrlEncodedContent(fields), Cancellation);

        Assert.Equal(System.Net.HttpStatusCode.SeeOther, consented.StatusCode);
        var location = consented.Headers.Location!.ToString();
        Assert.StartsWith(env["DOMAIN"] + "/oauth2/authorize?", location, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal(env["BRIDGE_CLIENT_ID"], query["client_id"].ToString());
        Assert.Equal(env["MCP_SERVER_URL"] + "/oauth/callback", query["redirect_uri"].ToString());
        Assert.Equal("my-api/read", query["scope"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
    }

    [Fact]
    public async Task WebLogin_started_with_the_env_file_sends_users_to_the_new_pools_login_with_pkce()
    {
        var run = await fixture.RunWithAsync(AwsCli.FirstOnPath);
        var env = EnvFile.Read(run.EnvFilePath);
        await using var app = await SampleHost.StartAsync("WebLogin", new Dictionary<string, string?> { ["SETUP_ENV_FILE"] = run.EnvFilePath });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync($"{app.BaseAddress}/login", Cancellation);

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
        var run = await fixture.RunWithAsync(AwsCli.FirstOnPath);
        var log = Path.Combine(run.Directory, "rerun-same.log");
        var before = File.ReadAllText(run.EnvFilePath);
        var result = await SetupScript.RunAsync(aws: null, run.Directory, log, "us-east-1", SetupRun.AppUrl, "--endpoint-url", run.Cognito.BaseAddress, "--env-file", run.EnvFilePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--teardown", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(log)); // No AWS call at all.
        Assert.Equal(before, File.ReadAllText(run.EnvFilePath));
    }

    [Theory]
    [MemberData(nameof(AwsCli.All), MemberType = typeof(AwsCli))]
    public async Task Rerun_with_another_env_file_finds_the_pool_by_name_and_creates_no_duplicate(AwsCli aws)
    {
        var run = await fixture.RunWithAsync(aws);
        var otherEnv = Path.Combine(run.Directory, "other.env");
        var result = await SetupScript.RunAsync(aws, run.Directory, Path.Combine(run.Directory, "rerun-other.log"), "us-east-1", SetupRun.AppUrl, "--endpoint-url", run.Cognito.BaseAddress, "--env-file", otherEnv);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"a user pool named 'mcp-server-pool' already exists ({EnvFile.Read(run.EnvFilePath)["USER_POOL_ID"]})", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("bash setup.sh --teardown", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--pool-name <another-name>", result.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Cognito.UserPools, p => p.Name == "mcp-server-pool");
        Assert.False(File.Exists(otherEnv));
    }

    [Theory]
    [MemberData(nameof(AwsCli.All), MemberType = typeof(AwsCli))]
    public async Task Teardown_deletes_the_domain_and_the_pool_then_the_env_file(AwsCli aws)
    {
        var run = await fixture.RunWithAsync(aws);
        var directory = System.IO.Directory.CreateTempSubdirectory("setup-sh-teardown-").FullName;
        try
        {
            var envFile = Path.Combine(directory, "teardown.env");
            var log = Path.Combine(directory, "aws-calls.log");
            var setup = await SetupScript.RunAsync(aws, directory, log, "us-east-1", "http://127.0.0.1:5000", "--endpoint-url", run.Cognito.BaseAddress, "--env-file", envFile, "--pool-name", "teardown-test", "--domain-prefix", "teardown-test", "--no-implicit");
            Assert.True(setup.ExitCode == 0, setup.ToString());
            Assert.DoesNotContain("implicit grant is deprecated", setup.Stderr, StringComparison.Ordinal);
            var env = EnvFile.Read(envFile);
            var poolId = env["USER_POOL_ID"];
            Assert.Equal(["code"], run.Cognito.GetUserPool(poolId).FindClient(env["PUBLIC_CLIENT_ID"])!.AllowedOAuthFlows);

            var teardown = await SetupScript.RunAsync(aws, directory, log, "--teardown", "--env-file", envFile);

            Assert.True(teardown.ExitCode == 0, teardown.ToString());
            var (status, body) = await CognitoManagementApi.CallAsync(run.Cognito, "DescribeUserPool", new JsonObject { ["UserPoolId"] = poolId });
            Assert.Equal(400, status);
            Assert.Equal("ResourceNotFoundException", body["__type"]?.GetValue<string>());
            Assert.False(File.Exists(envFile));
            var calls = File.ReadAllLines(log);
            Assert.True(
                Array.FindIndex(calls, c => c.StartsWith("cognito-idp delete-user-pool-domain", StringComparison.Ordinal))
                < Array.FindIndex(calls, c => c.StartsWith("cognito-idp delete-user-pool ", StringComparison.Ordinal)),
                string.Join('\n', calls));
            Assert.Contains(run.Cognito.UserPools, p => p.Name == "mcp-server-pool"); // Nothing else deleted.
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
