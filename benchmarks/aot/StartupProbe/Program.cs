using System.Globalization;
using System.Text;
using Cognito.Mcp.Auth.StartupProbe;
using Cognito.Mcp.Auth.Testing;

// dotnet StartupProbe.dll <aot binary> <jit CalculatorServer.dll> <rounds> <calls> <out.md>
// One LocalCognito for the whole run. A warm-up start of each variant (not counted: it fills the file cache), then
// rounds in which both variants start once, in alternating order, so both see the same machine load.
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: StartupProbe <aot binary> <jit CalculatorServer.dll> <rounds> <calls> <out.md>");
    return 2;
}

var aot = new ServerVariant("AOT", args[0], [], Path.GetDirectoryName(Path.GetFullPath(args[0]))!);
var jit = new ServerVariant("JIT", "dotnet", [Path.GetFullPath(args[1])], Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
var rounds = int.Parse(args[2], CultureInfo.InvariantCulture);
var calls = int.Parse(args[3], CultureInfo.InvariantCulture);

await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync();
var pool = cognito.DevelopmentPool!;
var token = pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, [LocalCognitoDevelopmentPool.ReadScope]);
var results = new Dictionary<string, List<StartResult>> { ["AOT"] = [], ["JIT"] = [] };

foreach (var variant in new[] { aot, jit })
{
    var warm = await variant.MeasureAsync(pool.Issuer, token, calls);
    Console.WriteLine($"warm-up {variant.Name}: {warm}");
}

for (var round = 0; round < rounds; round++)
{
    foreach (var variant in round % 2 == 0 ? new[] { aot, jit } : [jit, aot])
    {
        var result = await variant.MeasureAsync(pool.Issuer, token, calls);
        results[variant.Name].Add(result);
        Console.WriteLine($"round {round + 1} {variant.Name}: {result}");
    }
}

var text = new StringBuilder();
text.AppendLine(CultureInfo.InvariantCulture, $"{rounds} rounds, AOT and JIT alternating which starts first; median [min–max] (p25–p75).");
text.AppendLine();
text.AppendLine("| | native AOT | JIT (framework-dependent) | JIT / AOT (medians) |");
text.AppendLine("|---|---:|---:|---:|");
Row("process start → \"Now listening on\" (ms)", r => r.ListeningMs, "F0");
Row("process start → first authorized tools/call answered (ms)", r => r.FirstCallMs, "F0");
Row("peak RSS after the first call (MiB)", r => r.PeakRssAfterFirstKb / 1024.0, "F1");
Row($"peak RSS after {calls} more calls (MiB)", r => r.PeakRssAfterCallsKb / 1024.0, "F1");
File.WriteAllText(args[4], text.ToString());
Console.WriteLine();
Console.Write(text);
return 0;

void Row(string name, Func<StartResult, double> value, string format)
{
    var a = results["AOT"].Select(value).Order().ToArray();
    var j = results["JIT"].Select(value).Order().ToArray();
    text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Describe(a, format)} | {Describe(j, format)} | {Quantile(j, 0.5) / Quantile(a, 0.5):F1}× |");
}

static string Describe(double[] sorted, string format) => string.Create(
    CultureInfo.InvariantCulture,
    $"{Quantile(sorted, 0.5).ToString(format, CultureInfo.InvariantCulture)} [{sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)}] ({Quantile(sorted, 0.25).ToString(format, CultureInfo.InvariantCulture)}–{Quantile(sorted, 0.75).ToString(format, CultureInfo.InvariantCulture)})");

// Linear interpolation between the closest ranks.
static double Quantile(double[] sorted, double q)
{
    var position = (sorted.Length - 1) * q;
    var low = (int)Math.Floor(position);
    var high = (int)Math.Ceiling(position);
    return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
}
