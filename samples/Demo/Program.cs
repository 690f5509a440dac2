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
using var server = Start(Dll("CalculatorServer"), "--urls", ServerUrl, "--contentRoot", Path.GetDirectoryName(Dll("CalculatorServer"))!);
try
{
    await WaitUntilHealthyAsync(new Uri(ServerUrl + "/health"), server, stop.Token);
    Console.WriteLine("CalculatorServer is healthy. Running M2MClient:");
    Console.WriteLine();

    using var client = Start(Dll("M2MClient"));
    await client.WaitForExitAsync(stop.Token);
    Console.WriteLine();
    Console.WriteLine(client.ExitCode == 0 ? "Demo finished successfully." : $"M2MClient failed with exit code {client.ExitCode}.");
    return client.ExitCode;
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync(CancellationToken.None);
}

Process Start(string dll, params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
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
    return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
}

static async Task WaitUntilHealthyAsync(Uri health, Process server, CancellationToken cancellationToken)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
    while (await poll.WaitForNextTickAsync(cancellationToken))
    {
        if (server.HasExited)
        {
            throw new InvalidOperationException($"CalculatorServer exited with code {server.ExitCode} before it was healthy. Is port 8080 free?");
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
