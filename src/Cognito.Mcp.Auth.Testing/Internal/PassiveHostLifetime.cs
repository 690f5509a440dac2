using Microsoft.Extensions.Hosting;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// A host lifetime that neither hooks Ctrl+C/SIGTERM nor prints status messages: LocalCognito is embedded in a test
/// or another host, which owns the process's lifetime; disposing <see cref="LocalCognito"/> stops it.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
