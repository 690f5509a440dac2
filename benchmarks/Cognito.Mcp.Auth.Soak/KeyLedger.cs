using System.Diagnostics;

namespace Cognito.Mcp.Auth.Soak;

/// <summary>
/// What the clients sent, seen from their side of the wire: which key signed each request's token (the JWS header's
/// <c>kid</c>), 401 answers, and uses of the old key after its rotation and after its removal from the JWKS.
/// Thread-safe; shared by every client's <see cref="KeyUseRecorder"/>.
/// </summary>
internal sealed class KeyLedger(string oldKeyId)
{
    private long _requests;
    private long _unauthorized;
    private long _oldKeyAfterRemoval;
    private long _rotatedAt;
    private long _lastOldKeyUse;
    private volatile bool _removed;

    public string OldKeyId { get; } = oldKeyId;

    public long Requests => Interlocked.Read(ref _requests);

    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    public long OldKeyRequestsAfterRemoval => Interlocked.Read(ref _oldKeyAfterRemoval);

    /// <summary>How long after the rotation a request last carried a token of the old key (zero if none did).</summary>
    public TimeSpan LastOldKeyUseAfterRotation
    {
        get
        {
            var rotated = Interlocked.Read(ref _rotatedAt);
            var last = Interlocked.Read(ref _lastOldKeyUse);
            return rotated == 0 || last <= rotated ? TimeSpan.Zero : Stopwatch.GetElapsedTime(rotated, last);
        }
    }

    public void Rotated() => Interlocked.Exchange(ref _rotatedAt, Stopwatch.GetTimestamp());

    public void Removed() => _removed = true;

    public void Sent(string? keyId)
    {
        Interlocked.Increment(ref _requests);
        if (string.Equals(keyId, OldKeyId, StringComparison.Ordinal))
        {
            InterlockedMax(ref _lastOldKeyUse, Stopwatch.GetTimestamp());
            if (_removed)
            {
                Interlocked.Increment(ref _oldKeyAfterRemoval);
            }
        }
    }

    public void Refused() => Interlocked.Increment(ref _unauthorized);

    private static void InterlockedMax(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current && Interlocked.CompareExchange(ref location, value, current) != current)
        {
            current = Interlocked.Read(ref location);
        }
    }
}
