using System.Diagnostics;
using System.Text.Json;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Interop;

/// <summary>An independent client, the official TypeScript MCP SDK (pinned in tests/interop), against CalculatorServer.</summary>
public sealed class TypeScriptClientTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TypeScript_sdk_lists_and_calls_tools_with_a_localcognito_token()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation);
        var token = story.Pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);

        var (exitCode, result) = await RunAsync(story.McpUrl, token);

        Assert.True(exitCode == 0, result.GetRawText());
        Assert.Equal(["add", "subtract", "multiply", "divide", "power", "square_root"], result.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("30", result.GetProperty("add").GetString());
        Assert.False(result.GetProperty("isError").GetBoolean());
    }

    [Fact]
    public async Task TypeScript_sdk_without_a_token_is_refused_with_401()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation);

        var (exitCode, result) = await RunAsync(story.McpUrl, token: null);

        Assert.Equal(1, exitCode);
        Assert.Equal(401, result.GetProperty("code").GetInt32());
    }

    private static async Task<(int ExitCode, JsonElement Result)> RunAsync(string url, string? token)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "interop");
        Assert.True(
            Directory.Exists(Path.Combine(directory, "node_modules", "@modelcontextprotocol", "sdk")),
            "The TypeScript SDK is not installed: run `bash test.sh` (or `npm ci` in tests/interop).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("interop.mjs");
        start.ArgumentList.Add(url);
        if (token is not null)
        {
            start.ArgumentList.Add(token);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
                ?? throw new InvalidOperationException("node printed nothing: " + await process.StandardError.ReadToEndAsync(Cancellation));
            return (process.ExitCode, JsonDocument.Parse(line).RootElement.Clone());
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
