using System.Diagnostics;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// One validation path called in a loop and nothing else, for a profiler to attach to (dotnet-trace): the first-seen
/// paths stop when the token pool is used up, the others after 15 s.
/// </summary>
internal static class ProfileLoop
{
    public static async Task<int> RunAsync(string name)
    {
        TokenPool.Size = Math.Max(TokenPool.Size, 20_000);
        var benchmarks = new TokenValidationBenchmarks();
        var client = new TokenClientBenchmarks();
        benchmarks.Setup();
        client.Setup();
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
        var calls = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            for (; clock.Elapsed < TimeSpan.FromSeconds(15) && calls < TokenPool.Size - 10; calls++)
            {
                await run();
            }
        }
        finally
        {
            benchmarks.Cleanup();
            client.Cleanup();
            TokenPool.DisposeShared();
        }

        Console.WriteLine($"{name}: {calls} calls in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
