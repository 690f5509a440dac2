using BenchmarkDotNet.Attributes;
using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// A new token client (empty cache) and <see cref="Callers"/> callers asking for a token at once: the time until every
/// caller has it, and how many requests reached the token endpoint (must be exactly one; any other count fails the run).
/// </summary>
[MemoryDiagnoser]
public class ColdCacheBenchmarks
{
    private LocalCognito _cognito = null!;
    private ServiceProvider? _services;
    private ICognitoTokenClient _client = null!;
    private long _tokenRequestsBefore;
    private readonly List<long> _tokenRequestsPerIteration = [];

    [Params(1000)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup() => _cognito = LocalCognito.StartWithDevelopmentPoolAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void NewClient()
    {
        _services = BenchmarkHost.CreateTokenClientServices(_cognito.DevelopmentPool!);
        _client = _services.GetRequiredService<ICognitoTokenClient>();
        _tokenRequestsBefore = _cognito.Requests.Token;
    }

    [Benchmark]
    public async Task<int> ColdCache_ConcurrentCallers()
    {
        var callers = new Task<CognitoAccessToken>[Callers];
        for (var i = 0; i < callers.Length; i++)
        {
            callers[i] = Task.Run(() => _client.GetTokenAsync());
        }

        var tokens = await Task.WhenAll(callers);
        return tokens.Select(t => t.Value).Distinct(StringComparer.Ordinal).Count();
    }

    [IterationCleanup]
    public void CountRequests()
    {
        var requests = _cognito.Requests.Token - _tokenRequestsBefore;
        _tokenRequestsPerIteration.Add(requests);
        _services?.Dispose();
        if (requests != 1)
        {
            throw new InvalidOperationException($"{Callers} callers on a cold cache caused {requests} token requests; expected exactly 1.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cognito.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_tokenRequestsPerIteration.Count > 0)
        {
            Console.WriteLine(
                $"// Cold cache: {_tokenRequestsPerIteration.Count} iterations of {Callers} callers; token requests per iteration: "
                + $"min {_tokenRequestsPerIteration.Min()}, max {_tokenRequestsPerIteration.Max()}.");
        }
    }
}
