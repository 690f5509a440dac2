// The whole machine-to-machine story in one command, against LocalCognito (no AWS account needed):
// start LocalCognito and CalculatorServer, wait until the server is healthy, run M2MClient, stop both.
using System.Diagnostics;
using Cognito.Mcp.Auth.Testing;

const string ServerUrl = "http://localhost:8080";
var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
var samples = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
string Dll(string name) => Path.Combine(samples, name, "bin", configuration, "net10.0", name + ".dll");

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));

Console.WriteLine($"Starting LocalCognito on http://127.0.0.1:{LocalCognitoDevelopmentPool.DefaultPort} ...");
await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(new LocalCognitoOptions { Port = LocalCognitoDevelopmentPool.DefaultPort });

Console.WriteLine($"Starting CalculatorServer on {ServerUrl} ...");
// The server's own log (one line per tool call) is kept aside so the story reads straight; it is shown if anything fails.
var serverLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
using var server = Start(Dll("CalculatorServer"), serverLog, "--urls", ServerUrl, "--contentRoot", Path.GetDirectoryName(Dll("CalculatorServer"))!);
try
{
    await WaitUntilHealthyAsync(new Uri(ServerUrl + "/health"), server, serverLog, stop.Token);
    Console.WriteLine("CalculatorServer is healthy. Running M2MClient:");
    Console.WriteLine();

    using var client = Start(Dll("M2MClient"), log: null);
    await client.WaitForExitAsync(stop.Token);
    Console.WriteLine();
    if (client.ExitCode != 0)
    {
        Console.WriteLine($"M2MClient failed with exit code {client.ExitCode}. CalculatorServer's log:");
        Console.WriteLine(string.Join(Environment.NewLine, serverLog));
        return client.ExitCode;
    }

    Console.WriteLine($"Demo finished successfully. CalculatorServer logged {serverLog.Count(line => line.Contains("Tool ", StringComparison.Ordinal))} tool calls, each with the caller's client id and never its token.");
    return 0;
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync(CancellationToken.None);
}

// Starts a sample; with a log queue its output is collected there instead of shown.
Process Start(string dll, System.Collections.Concurrent.ConcurrentQueue<string>? log, params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = log is not null, RedirectStandardError = log is not null };
    start.ArgumentList.Add(dll);
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
    start.Environment["DOTNET_ENVIRONMENT"] = "Development";
    // An empty .env: one for real Cognito, if you have one, must not reconfigure the offline demo.
    start.Environment["SETUP_ENV_FILE"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
    start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
    start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
    // ASP.NET Core creates a Data Protection key at the server's first start and warns that it is stored unencrypted:
    // fine for a local demo, and nothing a reader of the demo can act on.
    start.Environment["Logging__LogLevel__Microsoft.AspNetCore.DataProtection"] = "Error";
    var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
    if (log is not null)
    {
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    return process;
}

static async Task WaitUntilHealthyAsync(Uri health, Process server, IEnumerable<string> serverLog, CancellationToken cancellationToken)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
    while (await poll.WaitForNextTickAsync(cancellationToken))
    {
        if (server.HasExited)
        {
            throw new InvalidOperationException(
                $"CalculatorServer exited with code {server.ExitCode} before it was healthy. Is port 8080 free? Its output:{Environment.NewLine}{string.Join(Environment.NewLine, serverLog)}");
        }

        try
        {
            using var response = await http.GetAsync(health, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }
    }
}
