namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Keeps a resource server that refuses every token from turning each call into a billed Cognito request. A renewed
/// token refused soon after it was issued (within <see cref="First"/>) means renewing does not help: no renewal is made
/// for that cache key for 30 seconds, doubling to 15 minutes while that keeps happening. A refusal that comes later,
/// after the renewed token worked a while, is news and may renew at once; refusals of tokens older than the last
/// renewal (requests that were in flight) change nothing.
/// </summary>
internal sealed class RenewalBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(15);

    private readonly Lock _gate = new();
    private string? _lastRenewed;
    private DateTimeOffset _renewedAt;
    private bool _lastRenewedRefused;
    private int _refusals;
    private DateTimeOffset _until;

    /// <summary>
    /// Whether a renewal may be made now. <paramref name="startedBackoff"/> is set when this very call learnt that the
    /// last renewed token was refused too soon; <paramref name="until"/> is when renewals resume.
    /// </summary>
    public bool MayRenew(string? rejectedToken, DateTimeOffset now, out TimeSpan? startedBackoff, out DateTimeOffset until)
    {
        startedBackoff = null;
        lock (_gate)
        {
            if (rejectedToken is not null && _lastRenewed is not null
                && string.Equals(rejectedToken, _lastRenewed, StringComparison.Ordinal) && !_lastRenewedRefused)
            {
                _lastRenewedRefused = true;
                if (now - _renewedAt <= First)
                {
                    _refusals++;
                    var delay = TimeSpan.FromTicks(Math.Min(First.Ticks << Math.Min(_refusals - 1, 10), Longest.Ticks));
                    _until = now + delay;
                    startedBackoff = delay;
                }
                else
                {
                    _refusals = 0; // It worked for a while: this refusal is news (a key rotation, a revocation).
                }
            }

            until = _until;
            return now >= _until;
        }
    }

    public void Renewed(string token, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!string.Equals(token, _lastRenewed, StringComparison.Ordinal))
            {
                _lastRenewed = token;
                _renewedAt = now;
                _lastRenewedRefused = false;
            }
        }
    }
}
