using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.DataProtection;

namespace Cognito.Mcp.Auth.Samples.Tests.EndToEnd;

/// <summary>M2MClient processes sharing the token cache through a real redis-server (<c>TokenCache:Redis</c>).</summary>
public sealed class SharedTokenCacheTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Four_client_processes_starting_cold_at_once_make_one_token_request_and_a_later_one_starts_warm()
    {
        await using var redis = await RedisServer.StartAsync(Cancellation);
        await using var story = await CalculatorStory.StartAsync(Cancellation);
        var settings = new Dictionary<string, string?>
        {
            ["TokenCache__Redis"] = redis.Configuration,
            ["TokenCache__KeyRingDirectory"] = ProvisionKeyRing(),
            // Generous, so a loaded machine (the full suite took 1.5 min for this test once) cannot turn a waiting process or
            // an expired lease into a second request; never reached when healthy.
            ["Cognito__LockWaitTimeout"] = "00:02:00",
            ["TokenCache__Lock__Lease"] = "00:03:00",
        };

        var cold = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => story.RunClientAsync(Cancellation, settings, "--verbose")));
        var warm = await story.RunClientAsync(Cancellation, settings, "--verbose");

        Assert.All(cold.Append(warm), run => Assert.True(run.ExitCode == 0, run.Output));
        Assert.All(cold.Append(warm), run => Assert.Contains("sqrt(16) = 4", run.Output, StringComparison.Ordinal));
        Assert.True(story.Cognito.Requests.Token == 1, $"{story.Cognito.Requests.Token} token requests:\n" + string.Join("\n=====\n", cold.Select(r => r.Output)));

        var stored = await RedisCliAsync(redis, "--scan");
        var key = Assert.Single(stored.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Cognito.Mcp.Auth:token:", key, StringComparison.Ordinal);
        var data = await RedisCliAsync(redis, "hget", key, "data");
        Assert.True(data.Length > 100, data);
        Assert.DoesNotContain("eyJ", data, StringComparison.Ordinal);
    }

    /// <summary>The key ring a deployment provisions for its instances (a shared directory, never the same Redis).</summary>
    private static string ProvisionKeyRing()
    {
        var directory = Directory.CreateTempSubdirectory("m2m-keys-");
        DataProtectionProvider.Create(directory, b => b.SetApplicationName("Cognito.Mcp.Auth.M2MClient"))
            .CreateProtector("provision").Protect([1]);
        return directory.FullName;
    }

    private static async Task<string> RedisCliAsync(RedisServer redis, params string[] arguments)
    {
        var result = await ExternalProcess.RunAsync("redis-cli", ["-p", redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments], null, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Trim();
    }
}
