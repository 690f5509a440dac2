using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Setup;

/// <summary>
/// An empty LocalCognito (no development pool) in this process, and one run of
/// <c>bash setup.sh us-east-1 http://localhost:5000 --endpoint-url … --env-file {Directory}/.env</c> against it.
/// </summary>
public sealed class SetupFixture : IAsyncLifetime
{
    public const string AppUrl = "http://localhost:5000";

    public LocalCognito Cognito { get; private set; } = null!;

    /// <summary>Gets a fresh folder holding the written <c>.env</c> (samples started with <c>SETUP_ENV_FILE</c> naming it read it).</summary>
    public string Directory { get; private set; } = null!;

    public string EnvFilePath => Path.Combine(Directory, ".env");

    public string AwsCallLog => Path.Combine(Directory, "aws-calls.log");

    internal ProcessResult Result { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cognito = await LocalCognito.StartAsync();
        Directory = System.IO.Directory.CreateTempSubdirectory("setup-sh-").FullName;
        Result = await SetupScript.RunAsync(Directory, AwsCallLog, "us-east-1", AppUrl, "--endpoint-url", Cognito.BaseAddress, "--env-file", EnvFilePath);
    }

    public async ValueTask DisposeAsync()
    {
        if (Cognito is not null)
        {
            await Cognito.DisposeAsync();
        }

        if (Directory is not null)
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
