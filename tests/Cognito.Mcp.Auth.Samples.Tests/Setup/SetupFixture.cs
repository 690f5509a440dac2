using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.Setup;

/// <summary>
/// One <see cref="SetupRun"/> per AWS CLI, each with its own LocalCognito, made when a test first asks for it and
/// shared by the tests of the class: setup.sh runs once per CLI, not once per test.
/// </summary>
public sealed class SetupFixture : IAsyncDisposable
{
    private readonly Dictionary<string, Task<SetupRun>> _runs = [];
    private readonly Lock _lock = new();

    /// <summary>Gets the run with <paramref name="aws"/>, starting it on first use.</summary>
    public Task<SetupRun> RunWithAsync(AwsCli aws)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(aws.Path, out var run))
            {
                run = SetupRun.StartAsync(aws);
                _runs[aws.Path] = run;
            }

            return run;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs.Values)
        {
            if (run.IsCompletedSuccessfully)
            {
                await (await run).DisposeAsync();
            }
        }
    }
}
