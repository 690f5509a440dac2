using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Cognito.Mcp.Auth.LoadTest;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// The validation benchmarks again, side by side: every round times a batch of each, in a rotating order, and the
/// ratio to the floor is taken within the round. On a shared, noisy machine BenchmarkDotNet's benchmarks run minutes
/// apart, so their ratio mixes in the change of load; these ratios do not. Warm-up rounds run until the runtime has
/// compiled no method for <see cref="QuietTime"/> (<see cref="JitInfo"/>; tiered compilation recompiles hot methods in
/// the background, and a round of tier-0 code is several times slower), on hosts of their own, so the measured rounds
/// still see every token for the first time. Reported per case: the median of the per-round ratios with their
/// interquartile range (the spread), and the ratio of the fastest rounds (min/min, the rounds other processes disturbed
/// least). Bounded: warm-up at most <see cref="MaxWarmUp"/>, then <c>rounds × batch</c> calls of each case.
/// </summary>
internal static class InterleavedComparison
{
    public static readonly TimeSpan QuietTime = TimeSpan.FromSeconds(2);
    /// <summary>
    /// The longest warm-up: on 2 busy cores the whole path reached steady state after 20–40 s (each new set of hosts
    /// compiles a little, e.g. its service provider's resolvers, so the runtime is rarely quiet for long).
    /// </summary>
    public static TimeSpan MaxWarmUp { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>Tokens one first-seen case takes from the pool on the measured hosts: their own warm-up, then the rounds.</summary>
    public static int TokensNeeded(int rounds, int batch) => (MeasuredHostWarmUpRounds(rounds) + rounds) * batch + 2;

    // The measured hosts are new: their service providers compile their resolvers on first use, so they too warm up.
    private static int MeasuredHostWarmUpRounds(int rounds) => rounds / 4;

    public static async Task<string> RunAsync(int rounds, int batch)
    {
        var loadAtStart = LoadAverage.Figures();
        var (warmUpRounds, warmUpTime, warmUpHosts, quiet) = await WarmUpAsync(batch);
        var benchmarks = new TokenValidationBenchmarks();
        benchmarks.Setup();
        try
        {
            var cases = Cases(benchmarks);
            for (var round = 0; round < MeasuredHostWarmUpRounds(rounds); round++)
            {
                await TimeRoundAsync(cases, batch, round);
            }

            var compiledAfterWarmUp = JitInfo.GetCompiledMethodCount();
            var perOp = cases.Select(_ => new List<double>()).ToArray();
            var ratios = cases.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                var times = await TimeRoundAsync(cases, batch, round);
                for (var i = 0; i < cases.Length; i++)
                {
                    perOp[i].Add(times[i]);
                    ratios[i].Add(times[i] / times[0]);
                }
            }

            var compiledDuringRounds = JitInfo.GetCompiledMethodCount() - compiledAfterWarmUp;
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Interleaved: {rounds} rounds of {batch} calls of each case, order rotating per round, after {warmUpRounds} warm-up rounds on {warmUpHosts} set(s) of warm-up hosts ({warmUpTime.TotalSeconds:0.0} s; {(quiet ? $"the last {QuietTime.TotalSeconds:0} s compiled no method" : "stopped at the time limit, the runtime still compiling now and then")}) and {MeasuredHostWarmUpRounds(rounds)} on the measured hosts. Methods compiled during the measured rounds: {compiledDuringRounds}. Load average: {loadAtStart} at the start, {LoadAverage.Figures()} at the end.");
            text.AppendLine();
            text.AppendLine("| case | median µs/op | min µs/op | ratio to floor: median of rounds [p25–p75] | ratio to floor: min/min |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            for (var i = 0; i < cases.Length; i++)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {cases[i].Name} | {Quantile(perOp[i], 0.5):0.0} | {perOp[i].Min():0.0} | {Quantile(ratios[i], 0.5):0.00} [{Quantile(ratios[i], 0.25):0.00}–{Quantile(ratios[i], 0.75):0.00}] | {perOp[i].Min() / perOp[0].Min():0.00} |");
            }

            text.AppendLine();
            text.AppendLine("What each case includes:");
            text.AppendLine();
            foreach (var (name, includes) in TokenValidationBenchmarks.Includes.Where(c => cases.Any(k => k.Name == c.Name)))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- `{name}`: {includes}.");
            }

            return text.ToString();
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    /// <summary>
    /// Rounds of every case until no method has been compiled for <see cref="QuietTime"/>. A set of hosts whose tokens
    /// run out is replaced by a new one (their caches must stay misses), which starts the pool again.
    /// </summary>
    private static async Task<(int Rounds, TimeSpan Time, int Hosts, bool Quiet)> WarmUpAsync(int batch)
    {
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        var hosts = 0;
        var lastCompiled = -1L;
        var quietSince = TimeSpan.Zero;
        while (clock.Elapsed - quietSince < QuietTime && clock.Elapsed < MaxWarmUp)
        {
            var benchmarks = new TokenValidationBenchmarks { IsWarmUp = true };
            benchmarks.Setup();
            hosts++;
            quietSince = clock.Elapsed; // quiet time counts rounds only, not the set-up
            try
            {
                var cases = Cases(benchmarks);
                while (benchmarks.TokensLeft > batch && clock.Elapsed - quietSince < QuietTime && clock.Elapsed < MaxWarmUp)
                {
                    await TimeRoundAsync(cases, batch, rounds++);
                    var compiled = JitInfo.GetCompiledMethodCount();
                    if (compiled != lastCompiled)
                    {
                        lastCompiled = compiled;
                        quietSince = clock.Elapsed;
                    }
                }
            }
            finally
            {
                benchmarks.Cleanup();
            }
        }

        return (rounds, clock.Elapsed, hosts, clock.Elapsed - quietSince >= QuietTime);
    }

    private static (string Name, Func<Task> Run)[] Cases(TokenValidationBenchmarks benchmarks) =>
        [
            (nameof(TokenValidationBenchmarks.RsaVerifyData_Floor), () => Task.FromResult(benchmarks.RsaVerifyData_Floor())),
            (nameof(TokenValidationBenchmarks.IdentityModel_FirstSeen), benchmarks.IdentityModel_FirstSeen),
            (nameof(TokenValidationBenchmarks.IdentityModel_SameToken), benchmarks.IdentityModel_SameToken),
            (nameof(TokenValidationBenchmarks.LibraryTokenHandler_FirstSeen), benchmarks.LibraryTokenHandler_FirstSeen),
            (nameof(TokenValidationBenchmarks.JwtBearerScheme_FirstSeen), benchmarks.JwtBearerScheme_FirstSeen),
            (nameof(TokenValidationBenchmarks.CognitoMcpScheme_FirstSeen), benchmarks.CognitoMcpScheme_FirstSeen),
            (nameof(TokenValidationBenchmarks.CognitoMcpScheme_SameToken), benchmarks.CognitoMcpScheme_SameToken),
        ];

    /// <summary>One round: a batch of each case, starting with a different case each round; µs per call.</summary>
    private static async Task<double[]> TimeRoundAsync((string Name, Func<Task> Run)[] cases, int batch, int round)
    {
        var times = new double[cases.Length];
        for (var k = 0; k < cases.Length; k++)
        {
            var i = (k + round) % cases.Length;
            var start = Stopwatch.GetTimestamp();
            for (var n = 0; n < batch; n++)
            {
                await cases[i].Run();
            }

            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / batch;
        }

        return times;
    }


    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
