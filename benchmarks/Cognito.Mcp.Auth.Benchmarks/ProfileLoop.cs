using System.Diagnostics;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// One validation path called in a loop for 30 s and nothing else, for a profiler to attach to (dotnet-trace). A
/// first-seen path that has used up the token pool goes on with a new set of hosts (new caches), as the side-by-side
/// warm-up does, so every call still validates a token its host has not seen.
/// </summary>
internal static class ProfileLoop
{
    public static async Task<int> RunAsync(string name)
    {
        TokenPool.Size = Math.Max(TokenPool.Size, 10_000);
        var client = new TokenClientBenchmarks();
        client.Setup();
        var calls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var benchmarks = new TokenValidationBenchmarks { IsWarmUp = true };
            benchmarks.Setup();
            Func<Task> run = name switch
            {
                "client" => client.GetTokenAsync_WarmCache,
                "floor" => () => Task.FromResult(benchmarks.RsaVerifyData_Floor()),
                "identitymodel" => benchmarks.IdentityModel_FirstSeen,
                "handler" => benchmarks.LibraryTokenHandler_FirstSeen,
                "bearer" => benchmarks.JwtBearerScheme_FirstSeen,
                "whole-same" => benchmarks.CognitoMcpScheme_SameToken,
                _ => benchmarks.CognitoMcpScheme_FirstSeen,
            };
            try
            {
                for (; clock.Elapsed < TimeSpan.FromSeconds(30) && benchmarks.TokensLeft > 1; calls++)
                {
                    await run();
                }
            }
            finally
            {
                benchmarks.Cleanup();
            }
        }

        client.Cleanup();
        TokenPool.DisposeShared();
        Console.WriteLine($"{name}: {calls} calls in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
