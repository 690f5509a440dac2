namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Keeps a resource server that refuses every token from turning each call into a billed Cognito request. A renewal
/// whose fresh token is refused as well starts a back-off (30 seconds, doubling to 15 minutes while renewals keep
/// failing) during which no renewal is made for that cache key. A renewed token that was never refused resets it.
/// </summary>
internal sealed class RenewalBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(15);

    private readonly Lock _gate = new();
    private string? _lastRenewed;
    private bool _lastRenewedRefused;
    private int _refusals;
    private DateTimeOffset _until;

    /// <summary>
    /// Whether a renewal may be made now. <paramref name="startedBackoff"/> is set when this very call learnt that the
    /// last renewed token was refused; <paramref name="until"/> is when renewals resume.
    /// </summary>
    public bool MayRenew(string? rejectedToken, DateTimeOffset now, out TimeSpan? startedBackoff, out DateTimeOffset until)
    {
        startedBackoff = null;
        lock (_gate)
        {
            if (rejectedToken is not null && _lastRenewed is not null)
            {
                if (string.Equals(rejectedToken, _lastRenewed, StringComparison.Ordinal))
                {
                    if (!_lastRenewedRefused)
                    {
                        _lastRenewedRefused = true;
                        _refusals++;
                        var delay = TimeSpan.FromTicks(Math.Min(First.Ticks << Math.Min(_refusals - 1, 10), Longest.Ticks));
                        _until = now + delay;
                        startedBackoff = delay;
                    }
                }
                else if (!_lastRenewedRefused)
                {
                    _refusals = 0; // The last renewal worked for a while: this refusal is news.
                }
            }

            until = _until;
            return now >= _until;
        }
    }

    public void Renewed(string token)
    {
        lock (_gate)
        {
            if (!string.Equals(token, _lastRenewed, StringComparison.Ordinal))
            {
                _lastRenewed = token;
                _lastRenewedRefused = false;
            }
        }
    }
}
