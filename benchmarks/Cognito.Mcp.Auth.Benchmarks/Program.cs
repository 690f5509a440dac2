using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Cognito.Mcp.Auth.Benchmarks;
using Perfolizer.Horology;

// Usage: dotnet run -c Release --project benchmarks/Cognito.Mcp.Auth.Benchmarks -- [--quick] [--artifacts DIR]
//        [--interleaved-only] [--out FILE]
//   --quick             a smoke run: 20 s of warm-up and 200 side-by-side rounds, short BenchmarkDotNet iterations.
//   --artifacts         where BenchmarkDotNet writes its reports (default ./BenchmarkDotNet.Artifacts).
//   --interleaved-only  only the side-by-side validation comparison (see InterleavedComparison).
//   --out               also write the side-by-side comparison's table to this file.
//   --only GROUP        validation, client or cold: that BenchmarkDotNet class alone, no side-by-side comparison.
//   --profile-loop NAME one path in a loop for 30 s, nothing else, a target for dotnet-trace (see docs/performance.md):
//                       floor, identitymodel, handler, bearer or whole (a new token each call), whole-same (one token),
//                       client (warm GetTokenAsync).
var quick = args.Contains("--quick");
var artifacts = Argument("--artifacts");
var outFile = Argument("--out");
var only = Argument("--only");

// Validation: a fixed number of calls per iteration, so that the tokens one benchmark validates are counted in advance
// and the pool holds enough for each to see every token once (TokenCursor fails the run otherwise).
// Rounds are short (about 2 ms of work each), so many of them: the median of 2,000 round ratios is stable to about 0.02.
var (rounds, batch) = quick ? (200, 10) : (2_000, 10);
InterleavedComparison.MaxWarmUp = TimeSpan.FromSeconds(quick ? 20 : 40);
// Full runs let BenchmarkDotNet warm up until the figures are stable (up to 50 iterations): past tiered compilation.
var (warmups, iterations, invocations) = quick ? (1, 3, 64) : (50, 12, 256);
const int ExtraBenchmarkDotNetIterations = 6; // jitting and memory-diagnoser runs, with margin
// At least 3,000 or 8,000 (2 or 6 s of minting): the side-by-side warm-up replaces its hosts each time it has used the pool.
TokenPool.Size = Math.Max(
    Math.Max(quick ? 3_000 : 8_000, only is null ? InterleavedComparison.TokensNeeded(rounds, batch) : 0),
    ((warmups + iterations + ExtraBenchmarkDotNetIterations) * invocations) + 2);

if (Argument("--profile-loop") is { } loop)
{
    return await ProfileLoop.RunAsync(loop);
}

Console.WriteLine("// What each validation benchmark includes:");
foreach (var (name, includes) in TokenValidationBenchmarks.Includes)
{
    Console.WriteLine($"//   {name}: {includes}.");
}

var interleaved = only is not null ? "" : await InterleavedComparison.RunAsync(rounds, batch);
Console.WriteLine(interleaved);
if (outFile is not null && only is null)
{
    await File.WriteAllTextAsync(outFile, interleaved);
}

if (args.Contains("--interleaved-only"))
{
    return Finish();
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
    var validation = (quick ? job.WithWarmupCount(warmups) : Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithMinWarmupCount(6).WithMaxWarmupCount(warmups))
        .WithIterationCount(iterations).WithInvocationCount(invocations).WithUnrollFactor(1);
    BenchmarkRunner.Run<TokenValidationBenchmarks>(Config(validation));
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

return Finish();

int Finish()
{
    TokenPool.DisposeShared();
    foreach (var violation in TokenValidationBenchmarks.Violations)
    {
        Console.WriteLine($"// FAILED: {violation}");
    }

    return TokenValidationBenchmarks.Violations.Count == 0 ? 0 : 2;
}

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
