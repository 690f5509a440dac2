using System.Net;

namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// Fault injection: make the token, JWKS and discovery endpoints fail or stall on demand. Thread-safe.
/// </summary>
public sealed class LocalCognitoFaults
{
    private readonly Lock _lock = new();
    private readonly Queue<(HttpStatusCode Status, TimeSpan? RetryAfter)> _tokenFailures = new();
    private LocalCognitoGate? _gate;
    private long _delayTicks;
    private volatile bool _jwksUnavailable;
    private volatile bool _discoveryUnavailable;

    internal LocalCognitoFaults()
    {
    }

    /// <summary>
    /// Gets or sets a value indicating whether the JWKS endpoint answers <c>503 Service Unavailable</c>.
    /// Defaults to <see langword="false"/>.
    /// </summary>
    public bool JwksUnavailable { get => _jwksUnavailable; set => _jwksUnavailable = value; }

    /// <summary>
    /// Gets or sets a value indicating whether the discovery document answers <c>503 Service Unavailable</c>.
    /// Defaults to <see langword="false"/>.
    /// </summary>
    public bool DiscoveryUnavailable { get => _discoveryUnavailable; set => _discoveryUnavailable = value; }

    /// <summary>
    /// Gets or sets a plain latency added to every token request, measured in real time (not the configured
    /// <see cref="LocalCognitoOptions.TimeProvider"/>). Defaults to <see cref="TimeSpan.Zero"/>. Prefer
    /// <see cref="HoldTokenRequests"/> in tests: it needs no clock at all.
    /// </summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> token requests answer <paramref name="status"/> (e.g. 500, 503, 429),
    /// with a <c>Retry-After</c> header in whole seconds when <paramref name="retryAfter"/> is given. Calls add up.
    /// </summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">The status they answer.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> value, or <see langword="null"/> for none.</param>
    public void FailNextTokenRequests(int count, HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _tokenFailures.Enqueue((status, retryAfter));
            }
        }
    }

    /// <summary>
    /// Holds every token request from now on until the returned gate is released (or the request is aborted).
    /// </summary>
    /// <returns>The gate; call <see cref="LocalCognitoGate.Release"/> to let requests through.</returns>
    public LocalCognitoGate HoldTokenRequests()
    {
        var gate = new LocalCognitoGate();
        lock (_lock)
        {
            _gate?.Release();
            _gate = gate;
        }

        return gate;
    }

    /// <summary>Clears every fault: pending failures, gates (released), delay and unavailability flags.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _tokenFailures.Clear();
            _gate?.Release();
            _gate = null;
        }

        Delay = TimeSpan.Zero;
        JwksUnavailable = false;
        DiscoveryUnavailable = false;
    }

    internal (HttpStatusCode Status, TimeSpan? RetryAfter)? TakeTokenFailure()
    {
        lock (_lock)
        {
            return _tokenFailures.TryDequeue(out var failure) ? failure : null;
        }
    }

    internal LocalCognitoGate? CurrentGate
    {
        get
        {
            lock (_lock)
            {
                return _gate;
            }
        }
    }
}
