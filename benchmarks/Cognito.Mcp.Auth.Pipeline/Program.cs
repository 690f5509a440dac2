using System.Diagnostics;
using System.Globalization;
using Cognito.Mcp.Auth.LoadTest;
using Cognito.Mcp.Auth.Pipeline;
using Cognito.Mcp.Auth.Testing;

// Usage: dotnet run -c Release --project benchmarks/Cognito.Mcp.Auth.Pipeline -- [--rounds N] [--batch N]
//        [--profile open|protected] [--seconds S]
// The load run's open and protected calculator servers, with no socket: each request is a tools/call add through the
// whole ASP.NET Core pipeline in this process (CapturingServer), one M2M token reused (so the validated-token cache
// answers). Rounds alternate the two servers (which one goes first alternates too) and report per-request CPU time, so
// the difference is the protected request's extra cost, measured side by side. --profile runs one server in a loop
// for dotnet-trace.
var rounds = Option("--rounds", 400);
var batch = Option("--batch", 2000); // Linux reports process CPU time in 10 ms ticks: batches of 100 ms or more
var profile = Argument("--profile");
var seconds = Option("--seconds", 20);

await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync();
var pool = cognito.DevelopmentPool!;
var token = "Bearer " + pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, [LocalCognitoDevelopmentPool.ReadScope]);
await using var open = await PipelineHost.StartAsync(protect: false, pool);
await using var secured = await PipelineHost.StartAsync(protect: true, pool);
foreach (var (name, host) in new[] { ("open", open), ("protected", secured) })
{
    var (status, body) = await host.SendAsync(token);
    var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
    if (args.Contains("--show"))
    {
        Console.WriteLine($"{name}: HTTP {status} {text}");
    }

    if (status != 200 || !text.Contains("\"text\":\"5\"", StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"{name}: HTTP {status} {text}");
        return 1;
    }
}

var (refused, _) = await secured.SendAsync("Bearer x.y.z");
if (refused != 401)
{
    Console.Error.WriteLine($"protected: a malformed token got HTTP {refused}, not 401");
    return 1;
}

if (profile is not null)
{
    var target = profile == "open" ? open : secured;
    var clock = Stopwatch.StartNew();
    long calls = 0;
    while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
    {
        await target.SendAsync(token);
        calls++;
    }

    Console.WriteLine($"{profile}: {calls} requests in {clock.Elapsed.TotalSeconds:0.0} s, {clock.Elapsed.TotalMicroseconds / calls:0.00} µs each");
    return 0;
}

// Warm-up: past tiered compilation (20 s of alternating batches).
var warm = Stopwatch.StartNew();
while (warm.Elapsed < TimeSpan.FromSeconds(Option("--warmup", 20)))
{
    await RunBatchAsync(open);
    await RunBatchAsync(secured);
}

var loadBefore = LoadAverage.OneMinute();
var openUs = new List<double>();
var protectedUs = new List<double>();
var differences = new List<double>();
double openBytes = 0, protectedBytes = 0;
for (var round = 0; round < rounds; round++)
{
    double o, p;
    if (round % 2 == 0)
    {
        (o, var ob) = await RunBatchAsync(open);
        (p, var pb) = await RunBatchAsync(secured);
        openBytes += ob;
        protectedBytes += pb;
    }
    else
    {
        (p, var pb) = await RunBatchAsync(secured);
        (o, var ob) = await RunBatchAsync(open);
        openBytes += ob;
        protectedBytes += pb;
    }

    openUs.Add(o);
    protectedUs.Add(p);
    differences.Add(p - o);
}

var loadAfter = LoadAverage.OneMinute();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rounds {rounds} x {batch} requests each, load average {loadBefore} -> {loadAfter}"));
Console.WriteLine(Line("open µs/request", openUs));
Console.WriteLine(Line("protected µs/request", protectedUs));
Console.WriteLine(Line("protected - open µs", differences));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated bytes/request: open {openBytes / rounds:0}, protected {protectedBytes / rounds:0}, difference {(protectedBytes - openBytes) / rounds:0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open/protected time ratio (median of rounds): {Median(openUs.Zip(protectedUs, (a, b) => a / b).ToList()):0.000}"));
return 0;

// CPU time of the process (not wall time): the machine is shared; per request.
async Task<(double Microseconds, double Bytes)> RunBatchAsync(PipelineHost host)
{
    var bytes = GC.GetTotalAllocatedBytes(precise: true);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < batch; i++)
    {
        await host.SendAsync(token);
    }

    var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    return (spent.TotalMicroseconds / batch, (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / batch);
}

static string Line(string name, List<double> values)
{
    var sorted = values.Order().ToList();
    double At(double q) => sorted[(int)Math.Round(q * (sorted.Count - 1))];
    return string.Create(CultureInfo.InvariantCulture, $"{name,-24} median {At(0.5),8:0.00}  p25 {At(0.25),8:0.00}  p75 {At(0.75),8:0.00}  min {sorted[0],8:0.00}");
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

int Option(string name, int fallback) => Argument(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
