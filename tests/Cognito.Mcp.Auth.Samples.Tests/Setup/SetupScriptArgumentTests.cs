using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.Setup;

/// <summary>
/// setup.sh's command line, prerequisites and lint; none of these reach Cognito. Only the credentials check runs an
/// AWS CLI (each distinct one, see <see cref="AwsCli.All"/>); the others give setup.sh none, so they need no CLI.
/// </summary>
public sealed class SetupScriptArgumentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("setup-sh-args-").FullName;

    private string Log => Path.Combine(_directory, "aws-calls.log");

    [Fact]
    public async Task Help_prints_the_usage_and_succeeds()
    {
        var result = await SetupScript.RunAsync(aws: null, _directory, Log, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage:", result.Stdout, StringComparison.Ordinal);
        foreach (var option in new[] { "--domain-prefix", "--pool-name", "--endpoint-url", "--teardown", "--no-implicit", "--env-file" })
        {
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new string[0], "expected <region> and <app-url>, got 0 argument(s)")]
    [InlineData(new[] { "us-east-1" }, "expected <region> and <app-url>, got 1 argument(s)")]
    [InlineData(new[] { "useast1", "https://203.0.113.10:5001" }, "'useast1' is not an AWS region")]
    [InlineData(new[] { "us-east-1", "203.0.113.10:5001" }, "is not a URL")]
    [InlineData(new[] { "us-east-1", "http://203.0.113.10:5001" }, "Cognito requires https for callback URLs")]
    [InlineData(new[] { "us-east-1", "https://203.0.113.10:5001", "--domain-prefix", "my-cognito-app" }, "must not contain aws, amazon or cognito")]
    [InlineData(new[] { "us-east-1", "https://203.0.113.10:5001", "--frobnicate" }, "unknown option: --frobnicate")]
    [InlineData(new[] { "us-east-1", "https://203.0.113.10:5001", "--env-file" }, "--env-file needs a value")]
    public async Task Bad_command_line_is_a_usage_error_that_names_the_problem(string[] arguments, string message)
    {
        var result = await SetupScript.RunAsync(aws: null, _directory, Log, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage: bash setup.sh <region> <app-url>", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Log));
    }

    [Theory]
    [MemberData(nameof(AwsCli.All), MemberType = typeof(AwsCli))]
    public async Task Without_AWS_credentials_setup_stops_and_says_how_to_configure_them(AwsCli aws)
    {
        var result = await SetupScript.RunAsync(
            aws,
            _directory,
            Log,
            new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null },
            "us-east-1", "https://203.0.113.10:5001", "--env-file", Path.Combine(_directory, ".env"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("setup.sh: error: the AWS CLI could not confirm working credentials ('aws sts get-caller-identity' failed), so nothing was created.", result.Stderr, StringComparison.Ordinal);
        // In its own words, each way to give the CLI credentials, and the way around them.
        foreach (var fix in new[] { "run 'aws configure'", "export AWS_PROFILE=<name>", "aws sso login --profile <name>", "export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN", "then run setup.sh again", "--endpoint-url" })
        {
            Assert.Contains(fix, result.Stderr, StringComparison.Ordinal);
        }

        // Then the CLI's own words (v1 and v2 say the same here), which tell a missing key from an expired session.
        Assert.Contains("The AWS CLI said:\n  Unable to locate credentials.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["sts get-caller-identity --region us-east-1 --output json"], File.ReadAllLines(Log)); // Nothing created.
        Assert.False(File.Exists(Path.Combine(_directory, ".env")));
    }

    [Fact]
    public async Task Teardown_without_an_env_file_deletes_nothing()
    {
        var result = await SetupScript.RunAsync(aws: null, _directory, Log, "--teardown", "--env-file", Path.Combine(_directory, "missing.env"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing recorded to tear down", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Log));
    }

    [Theory]
    [InlineData("USER_POOL_ID=http://127.0.0.1:9/pool\nSETUP_DOMAIN_PREFIX=teardown-test", "which is not a user pool id")]
    [InlineData("USER_POOL_ID=us-east-1_AbC123xyZ\nSETUP_DOMAIN_PREFIX=https://127.0.0.1:9/domain", "which is not a domain prefix")]
    public async Task Teardown_of_an_env_file_with_a_hand_edited_id_deletes_nothing_and_calls_no_AWS_CLI(string records, string message)
    {
        // AWS CLI v1 would fetch an http(s):// parameter value: the ids are checked before any call.
        var envFile = Path.Combine(_directory, "edited.env");
        File.WriteAllText(envFile, $"REGION=us-east-1\nSETUP_POOL_NAME=teardown-test\n{records}\n");

        var result = await SetupScript.RunAsync(aws: null, _directory, Log, "--teardown", "--env-file", envFile);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was deleted", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Log));
        Assert.True(File.Exists(envFile));
    }

    [Fact]
    public async Task Shellcheck_finds_nothing_in_setup_sh()
    {
        if (!File.Exists("/usr/bin/shellcheck"))
        {
            Assert.Fail("shellcheck is not installed: run 'apt-get install -y shellcheck' (CI does it in .ci/run).");
        }

        var result = await ExternalProcess.RunAsync("/usr/bin/shellcheck", [RepositoryPaths.SetupScript], null, TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
