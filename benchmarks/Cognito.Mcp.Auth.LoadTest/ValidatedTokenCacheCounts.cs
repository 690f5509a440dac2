using System.Diagnostics.Metrics;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// The protected server's validated-token cache hits and misses (its <c>cognito.server.validated_token_cache.*</c>
/// counters), from that server's <see cref="IMeterFactory"/> only: they show whether the timed rounds were served from
/// the cache, as steady state should be once every user's token has been seen.
/// </summary>
internal sealed class ValidatedTokenCacheCounts : IDisposable
{
    private const string Hits = "cognito.server.validated_token_cache.hits";
    private const string Misses = "cognito.server.validated_token_cache.misses";
    private readonly MeterListener _listener = new();
    private long _hits;
    private long _misses;

    public ValidatedTokenCacheCounts(IMeterFactory serverMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, serverMeters) && instrument.Name is Hits or Misses)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == Hits)
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

    public (long Hits, long Misses) Read() => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    public void Dispose() => _listener.Dispose();
}
