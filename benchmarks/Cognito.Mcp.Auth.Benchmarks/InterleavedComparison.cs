using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// The validation benchmarks again, side by side: every round times a batch of each, in a rotating order, and the
/// ratio to the floor is taken within the round. On a shared, noisy machine BenchmarkDotNet's benchmarks run minutes
/// apart, so their ratio mixes in the change of load; these ratios do not. Two estimates are given: the median of the
/// per-round ratios, and the ratio of the fastest rounds (the least disturbed by other processes). Bounded:
/// <c>rounds × batch</c> calls each.
/// </summary>
internal static class InterleavedComparison
{
    public static async Task<string> RunAsync(int rounds, int batch)
    {
        var benchmarks = new TokenValidationBenchmarks();
        benchmarks.Setup();
        try
        {
            var cases = new (string Name, Func<Task> Run)[]
            {
                ("RsaVerifyData (floor)", () => Task.FromResult(benchmarks.RsaVerifyData())),
                ("JsonWebTokenHandler_ValidateTokenAsync", benchmarks.JsonWebTokenHandler_ValidateTokenAsync),
                ("JwtBearerScheme_AuthenticateAsync", benchmarks.JwtBearerScheme_AuthenticateAsync),
                ("CognitoMcpScheme_AuthenticateAsync", benchmarks.CognitoMcpScheme_AuthenticateAsync),
            };
            var perOp = cases.Select(_ => new List<double>()).ToArray();
            var ratios = cases.Select(_ => new List<double>()).ToArray();
            for (var round = -1; round < rounds; round++)
            {
                var times = new double[cases.Length];
                for (var k = 0; k < cases.Length; k++)
                {
                    var i = (k + Math.Max(round, 0)) % cases.Length; // rotate which case goes first
                    var start = Stopwatch.GetTimestamp();
                    for (var n = 0; n < batch; n++)
                    {
                        await cases[i].Run();
                    }

                    times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / batch;
                }

                if (round < 0)
                {
                    continue; // warm-up round
                }

                for (var i = 0; i < cases.Length; i++)
                {
                    perOp[i].Add(times[i]);
                    ratios[i].Add(times[i] / times[0]);
                }
            }

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Interleaved: {rounds} rounds of {batch} calls each, order rotating per round; medians.");
            text.AppendLine();
            text.AppendLine("| method | median µs/op | min µs/op | ratio to floor: median of rounds | ratio to floor: min/min |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            for (var i = 0; i < cases.Length; i++)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {cases[i].Name} | {Median(perOp[i]):0.0} | {perOp[i].Min():0.0} | {Median(ratios[i]):0.00} | {perOp[i].Min() / perOp[0].Min():0.00} |");
            }

            // What the library and ASP.NET Core add on top of IdentityModel, per round.
            var added = perOp[3].Zip(perOp[1], (whole, identityModel) => whole - identityModel).ToList();
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Whole path minus JsonWebTokenHandler alone (ASP.NET Core authentication, JwtBearer, this library): median {Median(added):0.0} µs/op, min-based {perOp[3].Min() - perOp[1].Min():0.0} µs/op.");

            return text.ToString();
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
