using System.Net;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

/// <summary>The management API driven by the real AWS CLI, the way setup.sh does.</summary>
public sealed class ManagementApiAwsCliTests
{
    [Fact]
    public async Task Aws_cli_sets_up_a_pool_that_issues_tokens()
    {
        await using var cognito = await LocalCognito.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var pool = (await AwsCli.JsonAsync(cognito, "cognito-idp", "create-user-pool", "--pool-name", "mcp-pool"))["UserPool"]!;
        var poolId = (string)pool["Id"]!;
        await AwsCli.JsonAsync(cognito, "cognito-idp", "create-user-pool-domain", "--domain", "mcp-dev", "--user-pool-id", poolId);
        var server = await AwsCli.JsonAsync(
            cognito, "cognito-idp", "create-resource-server", "--user-pool-id", poolId, "--identifier", "my-api", "--name", "My API",
            "--scopes", "ScopeName=read,ScopeDescription=Read", "ScopeName=write,ScopeDescription=Write");
        var client = (await AwsCli.JsonAsync(
            cognito, "cognito-idp", "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "m2m", "--generate-secret",
            "--allowed-o-auth-flows", "client_credentials", "--allowed-o-auth-scopes", "my-api/read", "my-api/write",
            "--allowed-o-auth-flows-user-pool-client"))["UserPoolClient"]!;
        var described = (await AwsCli.JsonAsync(cognito, "cognito-idp", "describe-user-pool-client", "--user-pool-id", poolId, "--client-id", (string)client["ClientId"]!))["UserPoolClient"]!;
        var domain = (await AwsCli.JsonAsync(cognito, "cognito-idp", "describe-user-pool-domain", "--domain", "mcp-dev"))["DomainDescription"]!;
        var list = await AwsCli.JsonAsync(cognito, "cognito-idp", "list-user-pools", "--max-results", "60");

        Assert.Matches("^us-east-1_[A-Za-z0-9]{9}$", poolId);
        Assert.Equal(["read", "write"], server["ResourceServer"]!["Scopes"]!.AsArray().Select(s => (string)s!["ScopeName"]!));
        Assert.Matches("^[a-z0-9]{26}$", (string)client["ClientId"]!);
        Assert.Equal((string?)client["ClientSecret"], (string?)described["ClientSecret"]);
        Assert.Equal(poolId, (string?)domain["UserPoolId"]);
        Assert.Equal(["mcp-pool"], list["UserPools"]!.AsArray().Select(p => (string)p!["Name"]!));

        using var http = new HttpClient();
        var token = await http.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, cognito.GetUserPool(poolId).TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
                Headers = { Authorization = TestCognito.Basic((string)client["ClientId"]!, (string)client["ClientSecret"]!) },
            },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(7, cognito.Requests.Management);
    }

    [Fact]
    public async Task Pool_settings_sent_by_the_aws_cli_are_kept_and_described()
    {
        await using var cognito = await LocalCognito.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var created = (await AwsCli.JsonAsync(
            cognito, "cognito-idp", "create-user-pool", "--pool-name", "policy-pool",
            "--policies", "PasswordPolicy={MinimumLength=12,RequireUppercase=true,RequireLowercase=true,RequireNumbers=true,RequireSymbols=true}",
            "--auto-verified-attributes", "email",
            "--schema", "Name=email,Required=true,Mutable=true"))["UserPool"]!;
        var described = (await AwsCli.JsonAsync(cognito, "cognito-idp", "describe-user-pool", "--user-pool-id", (string)created["Id"]!))["UserPool"]!;

        Assert.Equal(12, (int)described["Policies"]!["PasswordPolicy"]!["MinimumLength"]!);
        Assert.True((bool)described["Policies"]!["PasswordPolicy"]!["RequireSymbols"]!);
        Assert.Equal(["email"], described["AutoVerifiedAttributes"]!.AsArray().Select(a => (string)a!));
        var email = Assert.Single(described["SchemaAttributes"]!.AsArray());
        Assert.Equal("email", (string?)email!["Name"]);
        Assert.True((bool)email["Required"]!);

        var poolId = (string)created["Id"]!;
        await AwsCli.JsonAsync(cognito, "cognito-idp", "admin-create-user", "--user-pool-id", poolId, "--username", "demo", "--message-action", "SUPPRESS");
        var tooShort = await Assert.ThrowsAnyAsync<Exception>(() => AwsCli.JsonAsync(
            cognito, "cognito-idp", "admin-set-user-password", "--user-pool-id", poolId, "--username", "demo", "--password", "Sh0rt!Pass", "--permanent"));
        Assert.Contains("InvalidPasswordException", tooShort.Message, StringComparison.Ordinal);
        await AwsCli.JsonAsync(cognito, "cognito-idp", "admin-set-user-password", "--user-pool-id", poolId, "--username", "demo", "--password", "Long3r!Passw0rd", "--permanent");
    }

    [Fact]
    public async Task Aws_cli_creates_users_and_sets_permanent_passwords()
    {
        await using var cognito = await LocalCognito.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var poolId = cognito.CreateUserPool("users").Id;

        var user = (await AwsCli.JsonAsync(
            cognito, "cognito-idp", "admin-create-user", "--user-pool-id", poolId, "--username", "demo",
            "--user-attributes", "Name=email,Value=demo@example.com", "Name=email_verified,Value=true", "--message-action", "SUPPRESS"))["User"]!;
        await AwsCli.JsonAsync(cognito, "cognito-idp", "admin-set-user-password", "--user-pool-id", poolId, "--username", "demo", "--password", "Passw0rd!Demo", "--permanent");

        Assert.Equal("FORCE_CHANGE_PASSWORD", (string?)user["UserStatus"]);
        Assert.Equal("sub", (string?)user["Attributes"]![0]!["Name"]);
        Assert.Equal("CONFIRMED", cognito.GetUserPool(poolId).FindUser("demo")!.Status);
    }

    [Theory]
    [InlineData("ScopeDoesNotExistException", new[] { "create-user-pool-client", "--client-name", "c", "--generate-secret", "--allowed-o-auth-flows", "client_credentials", "--allowed-o-auth-scopes", "nope/read", "--allowed-o-auth-flows-user-pool-client" })]
    [InlineData("InvalidOAuthFlowException", new[] { "create-user-pool-client", "--client-name", "c", "--allowed-o-auth-flows", "client_credentials", "--allowed-o-auth-scopes", "my-api/read", "--allowed-o-auth-flows-user-pool-client" })]
    [InlineData("ResourceNotFoundException", new[] { "describe-resource-server", "--identifier", "missing" })]
    [InlineData("InvalidPasswordException", new[] { "admin-create-user", "--username", "weak", "--temporary-password", "weak" })]
    public async Task Aws_cli_reports_Cognito_exceptions(string exception, string[] arguments)
    {
        await using var cognito = await LocalCognito.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var pool = cognito.CreateUserPool("errors");
        pool.AddResourceServer("my-api", "My API", "read");

        var (exitCode, _, stderr) = await AwsCli.RunAsync(cognito, ["cognito-idp", .. arguments, "--user-pool-id", pool.Id]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"({exception})", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InvalidParameterException", "not-a-pool-id")]
    [InlineData("ResourceNotFoundException", "us-east-1_Missing00")]
    public async Task Aws_cli_reports_a_malformed_pool_id_as_a_validation_error_and_an_unknown_one_as_not_found(string exception, string poolId)
    {
        await using var cognito = await LocalCognito.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (exitCode, _, stderr) = await AwsCli.RunAsync(cognito, "cognito-idp", "describe-user-pool", "--user-pool-id", poolId);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"({exception})", stderr, StringComparison.Ordinal);
    }
}
