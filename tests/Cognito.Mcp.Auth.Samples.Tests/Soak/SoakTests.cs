using Cognito.Mcp.Auth.Soak;

namespace Cognito.Mcp.Auth.Samples.Tests.Soak;

/// <summary>
/// The soak of issue #13 in its quick shape (<see cref="SoakSettings.Quick"/>: 8 C# SDK MCP clients for 12 s, tokens
/// of 4 s, one key rotation), in real time because the token lifetimes are real. Every assertion is a count compared
/// with what the lifetimes imply; nothing measures a time, and the only deadline is a generous cap on the whole run.
/// The full soak is <c>benchmarks/soak.sh</c> (docs/performance.md, Soak).
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Quick_soak_with_a_key_rotation_fails_no_call_and_fetches_the_new_key_once()
    {
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cap.CancelAfter(TimeSpan.FromMinutes(3));

        var result = await SoakRun.RunAsync(SoakSettings.Quick, output.WriteLine, cap.Token);
        output.WriteLine(SoakReport.Write(result));

        Assert.Empty(result.FailureSamples);
        Assert.Equal(0, result.FailedCalls);
        Assert.All(result.CallsPerClient, calls => Assert.True(calls > 1, "every client made calls after its first"));
        // One token per client per refresh period (half the 4 s lifetime): 8 × 6 = 48, and at most half as many again.
        Assert.InRange(result.TokenRequests, SoakSettings.Quick.ExpectedTokenRequests, SoakSettings.Quick.ExpectedTokenRequests * 3 / 2);
        // The server's first download when the first client called, then exactly one for the rotation.
        Assert.Equal(1, result.JwksDownloadsAfterWarmUp);
        Assert.Equal(2, result.JwksDownloads);
        Assert.Equal(0, result.UnknownKeyRefusals);
        Assert.Empty(result.ServerRefusals);
        Assert.Equal(0, result.UnauthorizedAnswers);
        Assert.Equal(0, result.OldKeyRequestsAfterRemoval);
    }
}
