using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Cognito.Mcp.Auth.Testing.Tests.Framework;

/// <summary>
/// Runs the real AWS CLI against LocalCognito with dummy credentials. Missing CLI is a failure, not a skip: CI
/// installs it (<c>bash test.sh</c>: <c>apt-get install awscli</c>). Each run has a 60 s timeout and is killed after it.
/// </summary>
internal static class AwsCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(LocalCognito cognito, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(["--endpoint-url", cognito.BaseAddress, "--region", "us-east-1", "--output", "json"]))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["AWS_ACCESS_KEY_ID"] = "test";
        startInfo.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        startInfo.Environment["AWS_SESSION_TOKEN"] = "test";
        startInfo.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        startInfo.Environment["AWS_PAGER"] = "";
        startInfo.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        startInfo.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        startInfo.Environment.Remove("AWS_PROFILE");

        using var process = Process.Start(startInfo)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aws {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s and was killed.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task<JsonObject> JsonAsync(LocalCognito cognito, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(cognito, arguments);
        Assert.True(exitCode == 0, $"aws {string.Join(' ', arguments)} exited {exitCode}: {stderr}");
        return stdout.Trim().Length == 0 ? [] : JsonNode.Parse(stdout)!.AsObject();
    }

    private static string Executable()
    {
        // Debian's awscli (what CI installs) first; any other aws on PATH otherwise.
        if (File.Exists("/usr/bin/aws"))
        {
            return "/usr/bin/aws";
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "aws"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            "The AWS CLI (aws) is not installed. `bash test.sh` installs it (apt-get install -y awscli).");
    }
}
