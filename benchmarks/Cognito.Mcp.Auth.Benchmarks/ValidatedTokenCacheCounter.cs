using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// Counts one host's validated-token cache hits and misses from the library's own counters
/// (<c>cognito.server.validated_token_cache.*</c>, told apart by the host's <see cref="IMeterFactory"/>): the proof
/// that a first-seen benchmark met no cached token. Listening adds a callback of a few nanoseconds per validation.
/// </summary>
internal sealed class ValidatedTokenCacheCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _hits;
    private long _misses;

    public ValidatedTokenCacheCounter(WebApplication host)
    {
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == CognitoMcpAuthenticationDefaults.TelemetryName
                && instrument.Name.StartsWith("cognito.server.validated_token_cache.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument, instrument.Name.EndsWith(".hits", StringComparison.Ordinal));
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, isHit) =>
        {
            if ((bool)isHit!)
            {
                Interlocked.Add(ref _hits, value);
            }
            else
            {
                Interlocked.Add(ref _misses, value);
            }
        });
        _listener.Start();
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public void Dispose() => _listener.Dispose();
}
