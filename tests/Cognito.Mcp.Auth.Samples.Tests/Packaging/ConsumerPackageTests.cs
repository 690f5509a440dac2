using System.Diagnostics;
using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.Packaging;

/// <summary>tests/consumer/run.sh: a new MCP server, outside the solution, built against the packed Cognito.Mcp.Auth.</summary>
public sealed class ConsumerPackageTests
{
    [Fact]
    public async Task Packed_library_protects_a_new_mcp_server_built_from_a_local_feed()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "consumer", "run.sh"));
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(8));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout + await stderr;

            Assert.True(process.ExitCode == 0, output);
            Assert.Contains("consumer: a LocalCognito token is accepted (HTTP 200, tool called)", output, StringComparison.Ordinal);
            Assert.Contains("consumer: a request without a token is refused (HTTP 401", output, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
