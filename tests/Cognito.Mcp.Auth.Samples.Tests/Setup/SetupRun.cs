using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Setup;

/// <summary>
/// An empty LocalCognito (no development pool) in this process, and one run of
/// <c>bash setup.sh us-east-1 http://localhost:5000 --endpoint-url … --env-file {Directory}/.env</c> against it with
/// one AWS CLI.
/// </summary>
public sealed class SetupRun : IAsyncDisposable
{
    public const string AppUrl = "http://localhost:5000";

    private SetupRun(AwsCli aws, LocalCognito cognito, string directory)
    {
        Aws = aws;
        Cognito = cognito;
        Directory = directory;
    }

    public AwsCli Aws { get; }

    public LocalCognito Cognito { get; }

    /// <summary>Gets a fresh folder holding the written <c>.env</c> (samples started with <c>SETUP_ENV_FILE</c> naming it read it).</summary>
    public string Directory { get; }

    public string EnvFilePath => Path.Combine(Directory, ".env");

    public string AwsCallLog => Path.Combine(Directory, "aws-calls.log");

    internal ProcessResult Result { get; private set; } = null!;

    public static async Task<SetupRun> StartAsync(AwsCli aws)
    {
        var run = new SetupRun(aws, await LocalCognito.StartAsync(), System.IO.Directory.CreateTempSubdirectory("setup-sh-").FullName);
        try
        {
            run.Result = await SetupScript.RunAsync(aws, run.Directory, run.AwsCallLog, "us-east-1", AppUrl, "--endpoint-url", run.Cognito.BaseAddress, "--env-file", run.EnvFilePath);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cognito.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
