using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// Turns a load run into Markdown: the warm-up, then per scenario every round's throughput and ratios, the ratios'
/// median, interquartile range and range against their goals, and latencies per variant. Ratios are taken within a
/// round (the same minute of the machine's load), never between totals of different minutes.
/// </summary>
internal static class Report
{
    private static readonly (string Name, ServerVariant Over, ServerVariant Under, double Goal)[] Ratios =
    [
        ("protected/open", ServerVariant.Protected, ServerVariant.Open, 0.95),
        ("protected/hand-written", ServerVariant.Protected, ServerVariant.HandWritten, 1.00),
    ];

    public static string Write(ReportInput run)
    {
        var text = new StringBuilder();
        var roundCount = run.Rounds.Max(r => r.Round);
        Line(text, $"Concurrency {run.Concurrency}, {run.Duration.TotalSeconds:0.#} s per server per scenario per round, {roundCount} rounds; each round runs the three servers in both scenarios, in rotating order. Users scenario: {run.Users} distinct tokens in turn.");
        Line(text, $"Load average (1 min) before the run {Format(run.LoadAverageBefore)}, after it {Format(run.LoadAverageAfter)}; the run itself adds to it ({run.Concurrency} workers and three servers on the run queue).");
        text.AppendLine();
        WriteWarmUp(text, run);
        foreach (var scenario in run.Rounds.Select(r => r.Scenario).Distinct().Order())
        {
            WriteScenario(text, scenario, run.Rounds.Where(r => r.Scenario == scenario).ToList(), run.WarmUp.Settled);
        }

        Line(text, $"The protected server's validated-token cache during the timed rounds (both scenarios): {run.CacheHitsDuringRounds} hits, {run.CacheMissesDuringRounds} misses.");
        text.AppendLine();
        Line(text, $"LocalCognito requests during the timed rounds: JWKS {run.CognitoDuringRounds.Jwks}, discovery {run.CognitoDuringRounds.Discovery}, token {run.CognitoDuringRounds.Token}. Whole run including warm-up: JWKS {run.CognitoWholeRun.Jwks}, discovery {run.CognitoWholeRun.Discovery}, token {run.CognitoWholeRun.Token}.");
        return text.ToString();
    }

    private static void WriteWarmUp(StringBuilder text, ReportInput run)
    {
        var warmUp = run.WarmUp;
        Line(text, warmUp.Settled
            ? (FormattableString)$"Warm-up settled after {warmUp.Elapsed.TotalSeconds:0} s ({warmUp.Cycles.Count} cycles): at most {WarmUp.QuietJitMethods} methods JIT-compiled in each of the last two cycles, and the last cycle's total throughput within {run.Tolerance:P0} of the one before."
            : $"**Warm-up did not settle** within its bound ({warmUp.Elapsed.TotalSeconds:0} s, {warmUp.Cycles.Count} cycles): the rounds below may include code still being tiered up.");
        Line(text, $"Methods JIT-compiled during the timed rounds: {run.MethodsCompiledDuringRounds}.");
        text.AppendLine();
        text.AppendLine("| cycle | at s | methods compiled | total throughput vs cycle before | " + string.Join(" | ", run.Targets.Select(t => $"{t} req/s")) + " |");
        text.AppendLine("|---:|---:|---:|---:|" + string.Concat(run.Targets.Select(_ => "---:|")));
        foreach (var cycle in warmUp.Cycles)
        {
            Line(text, $"| {cycle.Number} | {cycle.At.TotalSeconds:0} | {cycle.MethodsCompiled} | {(double.IsNaN(cycle.TotalChange) ? "" : cycle.TotalChange.ToString("+0%;-0%", CultureInfo.InvariantCulture))} | {string.Join(" | ", cycle.RequestsPerSecond.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} |");
        }

        text.AppendLine();
    }

    private static void WriteScenario(StringBuilder text, TokenScenario scenario, List<RoundResult> rounds, bool steadyState)
    {
        Line(text, $"### {(scenario == TokenScenario.M2M ? "M2M: one token reused" : "Users: a different token on every request")}");
        text.AppendLine();
        text.AppendLine("| round | load avg | order | open req/s | protected req/s | hand-written req/s | " + string.Join(" | ", Ratios.Select(r => r.Name)) + " |");
        text.AppendLine("|---:|---:|---|---:|---:|---:|" + string.Concat(Ratios.Select(_ => "---:|")));
        var perRound = rounds.GroupBy(r => r.Round).OrderBy(g => g.Key).ToList();
        foreach (var round in perRound)
        {
            var order = string.Join(" ", round.Select(r => Short(r.Variant)));
            Line(text, $"| {round.Key} | {Format(round.First().LoadAverage)} | {order} | {Rate(round, ServerVariant.Open):0} | {Rate(round, ServerVariant.Protected):0} | {Rate(round, ServerVariant.HandWritten):0} | {string.Join(" | ", Ratios.Select(q => (Rate(round, q.Over) / Rate(round, q.Under)).ToString("0.000", CultureInfo.InvariantCulture)))} |");
        }

        text.AppendLine();
        text.AppendLine("| ratio (per round) | goal | median | interquartile range | min–max | met (median ≥ goal)? |");
        text.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var (name, over, under, goal) in Ratios)
        {
            var spread = Spread.Of(perRound.Select(round => Rate(round, over) / Rate(round, under)));
            Line(text, $"| {name} | ≥ {goal:0.00} | **{spread.Median:0.000}** | {spread.LowerQuartile:0.000}–{spread.UpperQuartile:0.000} | {spread.Min:0.000}–{spread.Max:0.000} | {(!steadyState ? "not judged: no steady state" : spread.Median >= goal ? "yes" : "no")} |");
        }

        text.AppendLine();
        text.AppendLine("| variant | requests | errors | req/s: median of rounds | p50 ms | p99 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var variant in rounds.Select(r => r.Variant).Distinct().Order())
        {
            var mine = rounds.Where(r => r.Variant == variant).ToList();
            var latencies = mine.SelectMany(r => r.Sample.LatencyTicks).ToArray();
            Line(text, $"| {variant} | {mine.Sum(r => r.Sample.Succeeded)} | {mine.Sum(r => r.Sample.Errors)} | {Spread.Of(mine.Select(r => r.Sample.RequestsPerSecond)).Median:0} | {Percentile(latencies, 0.50):0.00} | {Percentile(latencies, 0.99):0.00} |");
        }

        text.AppendLine();
    }

    private static double Rate(IEnumerable<RoundResult> round, ServerVariant variant) => round.Single(r => r.Variant == variant).Sample.RequestsPerSecond;

    private static string Short(ServerVariant variant) => variant switch
    {
        ServerVariant.Open => "O",
        ServerVariant.Protected => "P",
        _ => "H",
    };

    private static string Format(double? loadAverage) => loadAverage?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a";

    private static double Percentile(long[] ticks, double p)
    {
        if (ticks.Length == 0)
        {
            return double.NaN;
        }

        var sorted = (long[])ticks.Clone();
        Array.Sort(sorted);
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
