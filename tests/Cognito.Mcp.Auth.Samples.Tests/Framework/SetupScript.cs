namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// Runs <c>bash setup.sh …</c> as a real process with dummy AWS credentials (LocalCognito checks none) and no AWS
/// configuration of the developer. The <c>aws</c> it finds first on PATH is a logging shim in front of the real CLI,
/// so tests can see the exact arguments setup.sh passed. Missing bash or AWS CLI fails the test: CI installs them.
/// </summary>
internal static class SetupScript
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    /// <summary>Runs setup.sh; <paramref name="awsCallLog"/> receives one line per AWS CLI call.</summary>
    public static Task<ProcessResult> RunAsync(string workingDirectory, string awsCallLog, params string[] arguments) =>
        RunAsync(workingDirectory, awsCallLog, extraEnvironment: null, arguments);

    public static Task<ProcessResult> RunAsync(string workingDirectory, string awsCallLog, IDictionary<string, string?>? extraEnvironment, params string[] arguments)
    {
        var shimDirectory = Path.Combine(workingDirectory, "aws-shim");
        Directory.CreateDirectory(shimDirectory);
        var shim = Path.Combine(shimDirectory, "aws");
        File.WriteAllText(shim, $"#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> \"$AWS_CALL_LOG\"\nexec {RealAws()} \"$@\"\n");
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
        };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return ExternalProcess.RunAsync("/bin/bash", [RepositoryPaths.SetupScript, .. arguments], environment, Timeout, workingDirectory);
    }

    private static string RealAws()
    {
        // Debian's awscli (what CI installs) first; any other aws on PATH otherwise.
        var candidates = new[] { "/usr/bin/aws" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, "aws")));
        return candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "The AWS CLI (aws) is not installed. CI installs it with `apt-get install -y awscli` (see .ci/run); install it locally the same way.");
    }
}
