using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime;
using Cognito.Mcp.Auth.LoadTest;
using Cognito.Mcp.Auth.Testing;

// Usage: dotnet run -c Release --project benchmarks/Cognito.Mcp.Auth.LoadTest -- [--quick] [--concurrency N]
//        [--duration SECONDS] [--rounds N] [--users N] [--warmup-window MS] [--warmup-max SECONDS]
//        [--stable-within PERCENT] [--max-requests N] [--out FILE]
// LocalCognito and three calculator servers (open, protected by this library, protected by hand-written JwtBearer) run
// in this process with the load generator, on 127.0.0.1 only. Two scenarios: one M2M token reused (fetched and cached
// by AddCognitoAccessTokenHandler(), as a real M2M client does) and many users' distinct tokens. Within a scenario the
// three servers get the same requests, tokens included (the open one ignores them), so they differ only in server code.
var quick = args.Contains("--quick");
var concurrency = Option("--concurrency", 32);
var duration = TimeSpan.FromSeconds(Option("--duration", quick ? 1 : 5));
var rounds = Option("--rounds", quick ? 3 : 9);
var users = Option("--users", 1000);
var warmupWindow = TimeSpan.FromMilliseconds(Option("--warmup-window", quick ? 500 : 1000));
var warmupMax = TimeSpan.FromSeconds(Option("--warmup-max", quick ? 15 : 180));
var tolerance = Option("--stable-within", 15) / 100.0;
var maxRequests = (long)Option("--max-requests", 2_000_000);
var outIndex = Array.IndexOf(args, "--out");
var outFile = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
ServerVariant[] variants = [ServerVariant.Open, ServerVariant.Protected, ServerVariant.HandWritten];
TokenScenario[] scenarios = [TokenScenario.M2M, TokenScenario.Users];

var loadBefore = LoadAverage.OneMinute();
await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync();
var pool = cognito.DevelopmentPool!;
var userTokens = UserTokens.Mint(pool, users);
var servers = new Dictionary<ServerVariant, WebApplication>();
foreach (var variant in variants)
{
    servers[variant] = await CalculatorHost.StartAsync(variant, pool);
}

using var cacheCounts = new ValidatedTokenCacheCounts(servers[ServerVariant.Protected].Services.GetRequiredService<IMeterFactory>());
var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
clientBuilder.Services.AddCognitoTokenClient(options =>
{
    options.TokenEndpoint = pool.TokenEndpoint;
    options.ClientId = LocalCognitoDevelopmentPool.M2MClientId;
    options.ClientSecret = LocalCognitoDevelopmentPool.M2MClientSecret;
    options.Scopes.Add(LocalCognitoDevelopmentPool.ReadScope);
});
foreach (var scenario in scenarios)
{
    foreach (var variant in variants)
    {
        var http = clientBuilder.Services.AddHttpClient($"{scenario}/{variant}", client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false });
        _ = scenario == TokenScenario.M2M ? http.AddCognitoAccessTokenHandler() : http.AddHttpMessageHandler(() => new RoundRobinTokenHandler(userTokens));
    }
}

using var clientHost = clientBuilder.Build();
var factory = clientHost.Services.GetRequiredService<IHttpClientFactory>();
var targets = scenarios.SelectMany(scenario => variants.Select(variant => new LoadTarget(
        scenario, variant, new LoadGenerator(factory.CreateClient($"{scenario}/{variant}"), new Uri(servers[variant].Urls.First() + "/mcp"), concurrency))))
    .ToList();

var startOfRun = CognitoCounts.Read(cognito.Requests);
foreach (var target in targets)
{
    if (!await target.Generator.SendOnceAsync())
    {
        Console.Error.WriteLine($"{target}: the server did not answer tools/call add correctly; stopping.");
        return 1;
    }
}

using (var plain = new HttpClient())
{
    foreach (var variant in variants.Where(v => v != ServerVariant.Open))
    {
        if (await RefusalCheck.RunAsync(plain, new Uri(servers[variant].Urls.First() + "/mcp"), pool) is { Count: > 0 } accepted)
        {
            Console.Error.WriteLine($"The {variant} server accepted a call with {string.Join(", ", accepted)}; stopping.");
            return 1;
        }
    }
}

var warmUp = await WarmUp.RunAsync(targets, warmupWindow, warmupMax, tolerance, maxRequests, Console.WriteLine);

var beforeRounds = CognitoCounts.Read(cognito.Requests);
var jitBeforeRounds = JitInfo.GetCompiledMethodCount();
var cacheBeforeRounds = cacheCounts.Read();
var results = new List<RoundResult>();
for (var round = 1; round <= rounds; round++)
{
    // Rotating orders: each variant goes first, second and third equally often over every three rounds, and the
    // scenarios alternate, so a drift in the machine's load favours no variant.
    var load = LoadAverage.OneMinute();
    var scenarioOrder = round % 2 == 1 ? scenarios : [.. scenarios.Reverse()];
    var variantOrder = variants.Skip((round - 1) % variants.Length).Concat(variants.Take((round - 1) % variants.Length)).ToArray();
    foreach (var scenario in scenarioOrder)
    {
        foreach (var variant in variantOrder)
        {
            var target = targets.Single(t => t.Scenario == scenario && t.Variant == variant);
            var sample = await target.Generator.RunAsync(duration, maxRequests);
            results.Add(new RoundResult(scenario, variant, round, load, sample));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} {target}: {sample.RequestsPerSecond:0} req/s, {sample.Errors} errors, load average {load:0.00}"));
        }
    }
}

var jitDuringRounds = JitInfo.GetCompiledMethodCount() - jitBeforeRounds;
var cacheAfterRounds = cacheCounts.Read();
var afterRounds = CognitoCounts.Read(cognito.Requests);
var loadAfter = LoadAverage.OneMinute();
foreach (var server in servers.Values)
{
    await server.StopAsync();
    await server.DisposeAsync();
}

var report = Report.Write(new ReportInput(
    results, targets, warmUp, tolerance, concurrency, duration, users, jitDuringRounds, cacheAfterRounds.Hits - cacheBeforeRounds.Hits, cacheAfterRounds.Misses - cacheBeforeRounds.Misses, afterRounds - beforeRounds, afterRounds - startOfRun, loadBefore, loadAfter));
Console.WriteLine();
Console.WriteLine(report);
if (outFile is not null)
{
    await File.WriteAllTextAsync(outFile, report);
}

return results.Sum(r => r.Sample.Errors) == 0 && (afterRounds - beforeRounds).Jwks == 0 ? 0 : 3;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
