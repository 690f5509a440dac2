namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// Runs <c>bash setup.sh …</c> as a real process with dummy AWS credentials (LocalCognito checks none) and no AWS
/// configuration of the developer. The <c>aws</c> it finds first on PATH is a logging shim in front of the given
/// <see cref="AwsCli"/>, so tests can see the exact arguments setup.sh passed. Without a CLI (<c>null</c>, for tests
/// that must not reach one) the shim logs the call and fails. A missing bash or jq fails the test: CI installs them.
/// </summary>
internal static class SetupScript
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    /// <summary>Runs setup.sh; <paramref name="awsCallLog"/> receives one line per AWS CLI call.</summary>
    public static Task<ProcessResult> RunAsync(AwsCli? aws, string workingDirectory, string awsCallLog, params string[] arguments) =>
        RunAsync(aws, workingDirectory, awsCallLog, extraEnvironment: null, arguments);

    public static Task<ProcessResult> RunAsync(AwsCli? aws, string workingDirectory, string awsCallLog, IDictionary<string, string?>? extraEnvironment, params string[] arguments) =>
        RunScriptAsync(RepositoryPaths.SetupScript, aws, workingDirectory, awsCallLog, extraEnvironment, arguments);

    /// <summary>Runs the setup.sh at <paramref name="script"/>, e.g. a copy whose folder stands in for the repository root.</summary>
    public static Task<ProcessResult> RunScriptAsync(string script, AwsCli? aws, string workingDirectory, string awsCallLog, IDictionary<string, string?>? extraEnvironment, params string[] arguments)
    {
        var shimDirectory = Path.Combine(workingDirectory, "aws-shim");
        Directory.CreateDirectory(shimDirectory);
        var shim = Path.Combine(shimDirectory, "aws");
        var run = aws is null
            ? "echo 'aws: this test provides no AWS CLI: setup.sh must not call it here' >&2\nexit 127"
            : $"exec '{aws.RequirePath()}' \"$@\"";
        File.WriteAllText(shim, $"#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> \"$AWS_CALL_LOG\"\n{run}\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = $"{shimDirectory}:/usr/bin:/bin:{Environment.GetEnvironmentVariable("PATH")}",
            ["AWS_CALL_LOG"] = awsCallLog,
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_PAGER"] = "",
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
            ["AWS_PROFILE"] = null,
            ["AWS_DEFAULT_REGION"] = null,
            ["AWS_REGION"] = null,
            ["SETUP_ENV_FILE"] = null, // The samples' variable: setup.sh's "Next:" hint takes it into account.
        };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return ExternalProcess.RunAsync("/bin/bash", [script, .. arguments], environment, Timeout, workingDirectory);
    }
}
