using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Cognito.Mcp.Auth.Client;

namespace Cognito.Mcp.Auth.Diagnostics;

/// <summary>
/// Traces and counters of the token client. Tags carry the client name, scope and OAuth error code; never a token or
/// a secret.
/// </summary>
internal sealed class TokenClientTelemetry : IDisposable
{
    /// <summary>The span source: one span per request to the token endpoint.</summary>
    public static readonly ActivitySource ActivitySource = new(
        CognitoTokenClientDefaults.ActivitySourceName,
        typeof(TokenClientTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;

    public TokenClientTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(CognitoTokenClientDefaults.MeterName);
        _requests = _meter.CreateCounter<long>("cognito.token_client.requests", "{request}", "Requests sent to the Cognito token endpoint.");
        _cacheHits = _meter.CreateCounter<long>("cognito.token_client.cache.hits", "{lookup}", "Token lookups answered from the cache.");
        _cacheMisses = _meter.CreateCounter<long>("cognito.token_client.cache.misses", "{lookup}", "Token lookups that needed a new token.");
        _failures = _meter.CreateCounter<long>("cognito.token_client.failures", "{request}", "Token requests that failed, by OAuth error code.");
        _duration = _meter.CreateHistogram<double>(
            "cognito.token_client.request.duration",
            "s",
            "How long a token request took, retries included, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Request(string clientName) => _requests.Add(1, new KeyValuePair<string, object?>("cognito.client", clientName));

    public void CacheHit(string clientName) => _cacheHits.Add(1, new KeyValuePair<string, object?>("cognito.client", clientName));

    public void CacheMiss(string clientName) => _cacheMisses.Add(1, new KeyValuePair<string, object?>("cognito.client", clientName));

    public void Failure(string clientName, string error) => _failures.Add(
        1,
        new KeyValuePair<string, object?>("cognito.client", clientName),
        new KeyValuePair<string, object?>("error.type", error));

    public void Duration(string clientName, TimeSpan elapsed, string? error) => _duration.Record(
        elapsed.TotalSeconds,
        new KeyValuePair<string, object?>("cognito.client", clientName),
        new KeyValuePair<string, object?>("error.type", error ?? "none"));

    public void Dispose() => _meter.Dispose();
}
