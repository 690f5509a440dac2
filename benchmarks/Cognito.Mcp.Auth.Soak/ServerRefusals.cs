using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Cognito.Mcp.Auth.Soak;

/// <summary>
/// Counts the server's refusals by reason (the <c>cognito.server.tokens.refused</c> counter and its
/// <c>cognito.refusal</c> tag), and its signing-key downloads, from the meters of one server's
/// <see cref="IMeterFactory"/> only, so another server in the same process (a test run) is not counted.
/// </summary>
internal sealed class ServerRefusals : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private long _keyRefreshes;

    public ServerRefusals(IMeterFactory serverMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, serverMeters)
                && instrument.Name is "cognito.server.tokens.refused" or "cognito.server.signing_keys.refreshes")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "cognito.server.signing_keys.refreshes")
            {
                Interlocked.Add(ref _keyRefreshes, value);
                return;
            }

            var reason = "unknown";
            foreach (var tag in tags)
            {
                if (tag.Key == "cognito.refusal")
                {
                    reason = tag.Value?.ToString() ?? reason;
                }
            }

            _byReason.AddOrUpdate(reason, value, (_, count) => count + value);
        });
        _listener.Start();
    }

    /// <summary>Gets the refusals so far, by reason (<c>unknown_signing_key</c>, <c>expired</c>, …).</summary>
    public IReadOnlyDictionary<string, long> ByReason => new SortedDictionary<string, long>(_byReason, StringComparer.Ordinal);

    /// <summary>Gets the server's downloads of the OpenID configuration and JWKS, successful or not.</summary>
    public long KeyRefreshes => Interlocked.Read(ref _keyRefreshes);

    public void Dispose() => _listener.Dispose();
}
