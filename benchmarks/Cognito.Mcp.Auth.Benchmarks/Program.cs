using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cognito.Mcp.Auth.Benchmarks;
using Perfolizer.Horology;

// Usage: dotnet run -c Release --project benchmarks/Cognito.Mcp.Auth.Benchmarks -- [--quick] [--artifacts DIR]
//        [--interleaved-only] [--out FILE]
//   --quick             a smoke run: 1 warm-up and 3 short iterations per benchmark; numbers are rough.
//   --artifacts         where BenchmarkDotNet writes its reports (default ./BenchmarkDotNet.Artifacts).
//   --interleaved-only  only the side-by-side validation comparison (see InterleavedComparison).
//   --out               also write the side-by-side comparison's table to this file.
//   --only GROUP        validation, client or cold: that BenchmarkDotNet class alone, no side-by-side comparison.
//   --profile-loop NAME one benchmark (floor, handler, bearer, whole; client: warm GetTokenAsync) in a loop for 15 s, nothing else:
//                       a target for dotnet-trace (see docs/performance.md).
var quick = args.Contains("--quick");
var artifacts = Argument("--artifacts");
var outFile = Argument("--out");

if (Argument("--profile-loop") is { } loop)
{
    var benchmarks = new TokenValidationBenchmarks();
    var client = new TokenClientBenchmarks();
    benchmarks.Setup();
    client.Setup();
    Func<Task> run = loop switch
    {
        "client" => client.GetTokenAsync_WarmCache,
        "floor" => () => Task.FromResult(benchmarks.RsaVerifyData()),
        "handler" => benchmarks.JsonWebTokenHandler_ValidateTokenAsync,
        "bearer" => benchmarks.JwtBearerScheme_AuthenticateAsync,
        _ => benchmarks.CognitoMcpScheme_AuthenticateAsync,
    };
    var calls = 0;
    for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(15) && calls < 10_000_000; calls++)
    {
        await run();
    }

    benchmarks.Cleanup();
    client.Cleanup();
    Console.WriteLine($"{loop}: {calls} calls in 15 s");
    return 0;
}

var only = Argument("--only");
var interleaved = only is not null ? "" : await InterleavedComparison.RunAsync(rounds: quick ? 40 : 400, batch: 10);
Console.WriteLine(interleaved);
if (outFile is not null && only is null)
{
    await File.WriteAllTextAsync(outFile, interleaved);
}

if (args.Contains("--interleaved-only"))
{
    return 0;
}

var job = quick
    ? Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100)).WithToolchain(InProcessEmitToolchain.Instance)
    : Job.Default.WithWarmupCount(5).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance);

ManualConfig Config(Job j)
{
    var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(j.AsDefault());
    return artifacts is null ? config : config.WithArtifactsPath(artifacts);
}

if (only is null or "validation")
{
    BenchmarkRunner.Run<TokenValidationBenchmarks>(Config(job));
}

if (only is null or "client")
{
    BenchmarkRunner.Run<TokenClientBenchmarks>(Config(job));
}

// Each iteration needs its own empty cache: one invocation per iteration, and few iterations (each is a whole burst).
if (only is null or "cold")
{
    BenchmarkRunner.Run<ColdCacheBenchmarks>(Config(job.WithInvocationCount(1).WithUnrollFactor(1).WithIterationCount(quick ? 3 : 20)));
}

return 0;

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
