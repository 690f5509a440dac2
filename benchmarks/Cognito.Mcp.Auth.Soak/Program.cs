using System.Globalization;
using Cognito.Mcp.Auth.Soak;

// Usage: dotnet benchmarks/Cognito.Mcp.Auth.Soak/bin/Release/net10.0/Cognito.Mcp.Auth.Soak.dll [--quick]
//        [--clients 32] [--duration SECONDS] [--token-lifetime SECONDS] [--out FILE]
// Everything runs in this process, on 127.0.0.1 only (see SoakRun). Exit code 0 when every goal was met, 3 otherwise.
var settings = args.Contains("--quick") ? SoakSettings.Quick : SoakSettings.Full;
settings = settings with
{
    Clients = Option("--clients", settings.Clients),
    Duration = TimeSpan.FromSeconds(Option("--duration", (int)settings.Duration.TotalSeconds)),
    TokenLifetime = TimeSpan.FromSeconds(Option("--token-lifetime", (int)settings.TokenLifetime.TotalSeconds)),
};
var outIndex = Array.IndexOf(args, "--out");
var outFile = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;

var loadAtStart = LoadAverage();
Console.WriteLine($"load average at start: {loadAtStart}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var result = await SoakRun.RunAsync(settings, Console.WriteLine, stop.Token);
var loadAtEnd = LoadAverage();
var report = SoakReport.Write(result) + Environment.NewLine + $"Load average (1, 5, 15 min): {loadAtStart} at the start, {loadAtEnd} at the end." + Environment.NewLine;
Console.WriteLine();
Console.WriteLine(report);
if (outFile is not null)
{
    await File.WriteAllTextAsync(outFile, report);
}

return result.MetEveryGoal ? 0 : 3;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
