using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>Turns the rounds into Markdown tables: per round, per variant, and the protected/open ratio.</summary>
internal static class Report
{
    public static string Write(IReadOnlyList<RoundResult> rounds, int concurrency, TimeSpan duration, CognitoCounts duringRounds, CognitoCounts wholeRun)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Concurrency {concurrency}, {duration.TotalSeconds:0} s per round, {rounds.Count / 2} rounds per variant, alternating (ABBA order)."));
        text.AppendLine();
        text.AppendLine("| round | variant | requests | errors | req/s | p50 ms | p99 ms |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in rounds)
        {
            text.AppendLine(Invariant($"| {r.Round} | {r.Variant} | {r.Succeeded} | {r.Errors} | {r.RequestsPerSecond:0} | {Percentile(r.LatencyTicks, 0.50):0.00} | {Percentile(r.LatencyTicks, 0.99):0.00} |"));
        }

        text.AppendLine();
        text.AppendLine("| variant | requests | errors | req/s (all rounds) | p50 ms | p99 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var variant in new[] { ServerVariant.Open, ServerVariant.Protected })
        {
            var mine = rounds.Where(r => r.Variant == variant).ToList();
            var latencies = mine.SelectMany(r => r.LatencyTicks).ToArray();
            text.AppendLine(Invariant($"| {variant} | {mine.Sum(r => r.Succeeded)} | {mine.Sum(r => r.Errors)} | {Throughput(mine):0} | {Percentile(latencies, 0.50):0.00} | {Percentile(latencies, 0.99):0.00} |"));
        }

        var pairs = rounds.GroupBy(r => r.Round)
            .Select(g => g.Single(r => r.Variant == ServerVariant.Protected).RequestsPerSecond / g.Single(r => r.Variant == ServerVariant.Open).RequestsPerSecond)
            .ToList();
        var ratio = Throughput(rounds.Where(r => r.Variant == ServerVariant.Protected)) / Throughput(rounds.Where(r => r.Variant == ServerVariant.Open));
        text.AppendLine();
        text.AppendLine(Invariant($"Throughput ratio protected/open: **{ratio:0.000}** (all rounds); per round: {string.Join(", ", pairs.Select(p => p.ToString("0.000", CultureInfo.InvariantCulture)))}."));
        text.AppendLine();
        text.AppendLine(Invariant($"LocalCognito requests during the timed rounds: JWKS {duringRounds.Jwks}, discovery {duringRounds.Discovery}, token {duringRounds.Token}. Whole run including warm-up: JWKS {wholeRun.Jwks}, discovery {wholeRun.Discovery}, token {wholeRun.Token}."));
        return text.ToString();
    }

    private static double Throughput(IEnumerable<RoundResult> rounds)
    {
        var list = rounds.ToList();
        return list.Sum(r => r.Succeeded) / list.Sum(r => r.Elapsed.TotalSeconds);
    }

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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
