using System.Globalization;
using Cognito.Mcp.Auth.LoadTest;
using Cognito.Mcp.Auth.Testing;

// Usage: dotnet run -c Release --project benchmarks/Cognito.Mcp.Auth.LoadTest -- [--quick] [--concurrency N]
//        [--duration SECONDS] [--rounds N] [--warmup SECONDS] [--max-requests N] [--out FILE]
// LocalCognito, the open and the protected calculator server all run in this process, on 127.0.0.1 only. The
// protected variant is called through AddCognitoAccessTokenHandler(), so the client fetches and caches its token as a
// real M2M client does. Every round stops after its duration or its request budget, whichever comes first.
var quick = args.Contains("--quick");
var concurrency = Option("--concurrency", 32);
var duration = TimeSpan.FromSeconds(Option("--duration", quick ? 3 : 10));
var rounds = Option("--rounds", quick ? 2 : 3);
var warmup = TimeSpan.FromSeconds(Option("--warmup", quick ? 2 : 5));
var maxRequests = (long)Option("--max-requests", 2_000_000);
var outIndex = Array.IndexOf(args, "--out");
var outFile = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;

await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync();
var pool = cognito.DevelopmentPool!;
var servers = new Dictionary<ServerVariant, WebApplication>
{
    [ServerVariant.Open] = await CalculatorHost.StartAsync(ServerVariant.Open, pool),
    [ServerVariant.Protected] = await CalculatorHost.StartAsync(ServerVariant.Protected, pool),
};

var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
var clientServices = clientBuilder.Services;
clientServices.AddCognitoTokenClient(options =>
{
    options.TokenEndpoint = pool.TokenEndpoint;
    options.ClientId = LocalCognitoDevelopmentPool.M2MClientId;
    options.ClientSecret = LocalCognitoDevelopmentPool.M2MClientSecret;
    options.Scopes.Add(LocalCognitoDevelopmentPool.ReadScope);
});
foreach (var variant in servers.Keys)
{
    var http = clientServices.AddHttpClient(variant.ToString(), client => client.Timeout = TimeSpan.FromSeconds(10))
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false });
    if (variant == ServerVariant.Protected)
    {
        http.AddCognitoAccessTokenHandler();
    }
}

using var clientHost = clientBuilder.Build();
var factory = clientHost.Services.GetRequiredService<IHttpClientFactory>();
var generators = servers.ToDictionary(
    s => s.Key,
    s => new LoadGenerator(factory.CreateClient(s.Key.ToString()), new Uri(s.Value.Urls.First() + "/mcp"), concurrency));

var startOfRun = CognitoCounts.Read(cognito.Requests);
foreach (var (variant, generator) in generators)
{
    if (!await generator.SendOnceAsync())
    {
        Console.Error.WriteLine($"The {variant} server did not answer tools/call add correctly; stopping.");
        return 1;
    }

    var warm = await generator.RunAsync(variant, 0, warmup, maxRequests);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up {variant}: {warm.Succeeded} requests, {warm.Errors} errors"));
}

var beforeRounds = CognitoCounts.Read(cognito.Requests);
var results = new List<RoundResult>();
for (var round = 1; round <= rounds; round++)
{
    // ABBA: alternate which variant goes first, so a drift in the machine's load favours neither.
    ServerVariant[] order = round % 2 == 1 ? [ServerVariant.Open, ServerVariant.Protected] : [ServerVariant.Protected, ServerVariant.Open];
    foreach (var variant in order)
    {
        var result = await generators[variant].RunAsync(variant, round, duration, maxRequests);
        results.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} {variant}: {result.RequestsPerSecond:0} req/s, {result.Errors} errors"));
    }
}

var afterRounds = CognitoCounts.Read(cognito.Requests);
foreach (var server in servers.Values)
{
    await server.StopAsync();
    await server.DisposeAsync();
}

var report = Report.Write(results, concurrency, duration, afterRounds - beforeRounds, afterRounds - startOfRun);
Console.WriteLine();
Console.WriteLine(report);
if (outFile is not null)
{
    await File.WriteAllTextAsync(outFile, report);
}

return results.Sum(r => r.Errors) == 0 && (afterRounds - beforeRounds).Jwks == 0 ? 0 : 3;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
