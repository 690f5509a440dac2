using BenchmarkDotNet.Attributes;
using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary><see cref="ICognitoTokenClient.GetTokenAsync"/> when the cache already holds a fresh token.</summary>
[MemoryDiagnoser]
public class TokenClientBenchmarks
{
    private static readonly string[] ReadScope = [LocalCognitoDevelopmentPool.ReadScope];

    private LocalCognito _cognito = null!;
    private ServiceProvider _services = null!;
    private ICognitoTokenClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cognito = LocalCognito.StartWithDevelopmentPoolAsync().GetAwaiter().GetResult();
        _services = BenchmarkHost.CreateTokenClientServices(_cognito.DevelopmentPool!);
        _client = _services.GetRequiredService<ICognitoTokenClient>();
        _client.GetTokenAsync().GetAwaiter().GetResult();
        _client.GetTokenAsync(ReadScope).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var requests = _cognito.Requests.Token;
        _services.Dispose();
        _cognito.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine($"// Warm cache: {requests} token request(s) in all.");
    }

    /// <summary>The client's default scopes (what <c>AddCognitoAccessTokenHandler()</c> asks for).</summary>
    [Benchmark(Baseline = true)]
    public Task<CognitoAccessToken> GetTokenAsync_WarmCache() => _client.GetTokenAsync();

    /// <summary>The same token, with the scopes passed explicitly.</summary>
    [Benchmark]
    public Task<CognitoAccessToken> GetTokenAsync_WarmCache_ExplicitScopes() => _client.GetTokenAsync(ReadScope);
}
