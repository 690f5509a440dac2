namespace Cognito.Mcp.Auth.Soak;

/// <summary>What a soak saw. Counts come from LocalCognito, the server's meters and the clients' side of the wire.</summary>
public sealed record SoakResult
{
    public required SoakSettings Settings { get; init; }

    /// <summary>Gets the tool calls answered with the right sum (the warm-up call of each client included).</summary>
    public required long Calls { get; init; }

    /// <summary>Gets the calls that failed: an exception, a tool error or a wrong answer (connect failures included).</summary>
    public required long FailedCalls { get; init; }

    /// <summary>Gets up to five failure messages per client, for the report.</summary>
    public required IReadOnlyList<string> FailureSamples { get; init; }

    /// <summary>Gets the successful calls of each client, to show their spread.</summary>
    public required IReadOnlyList<long> CallsPerClient { get; init; }

    /// <summary>Gets the token requests LocalCognito received after the warm-up (each client's new token included).</summary>
    public required long TokenRequests { get; init; }

    /// <summary>Gets the token requests of the warm-up: each client's first token, got while connecting.</summary>
    public required long TokenRequestsInWarmUp { get; init; }

    /// <summary>Gets the JWKS downloads LocalCognito served during the whole soak (the server's first one included).</summary>
    public required long JwksDownloads { get; init; }

    /// <summary>Gets the JWKS downloads after every client had connected and made a call: the rotation's.</summary>
    public required long JwksDownloadsAfterWarmUp { get; init; }

    /// <summary>Gets the OpenID configuration downloads during the whole soak.</summary>
    public required long DiscoveryDownloads { get; init; }

    /// <summary>Gets the server's refusals by reason, from its own meter (401 and 403 answers).</summary>
    public required IReadOnlyDictionary<string, long> ServerRefusals { get; init; }

    /// <summary>Gets the HTTP requests the clients sent (MCP calls, the initialize handshake, retries).</summary>
    public required long HttpRequests { get; init; }

    /// <summary>Gets the 401 answers the clients received (each then renewed and retried by the token handler).</summary>
    public required long UnauthorizedAnswers { get; init; }

    /// <summary>Gets the requests that carried a token of the old key after it left the JWKS (goal 0).</summary>
    public required long OldKeyRequestsAfterRemoval { get; init; }

    /// <summary>Gets how long after the rotation a request last carried a token of the old key.</summary>
    public required TimeSpan LastOldKeyUseAfterRotation { get; init; }

    /// <summary>Gets when the keys rotated and when the old ones left the JWKS, from the start of the soak.</summary>
    public required TimeSpan RotatedAt { get; init; }

    public required TimeSpan OldKeyRemovedAt { get; init; }

    /// <summary>Gets how long connecting every client and its first call took, from the start of the soak.</summary>
    public required TimeSpan WarmUp { get; init; }

    /// <summary>Gets the whole soak's wall-clock time, from the first connect to the last call.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Gets the process's memory once every client had connected and made a call, after a forced full GC.</summary>
    public required MemorySnapshot MemoryAtStart { get; init; }

    /// <summary>Gets the process's memory after the last call, the clients still connected, after a forced full GC.</summary>
    public required MemorySnapshot MemoryAtEnd { get; init; }

    /// <summary>Gets the refusals for a key the server did not know (goal 0: the rotated key is fetched in time).</summary>
    public long UnknownKeyRefusals => ServerRefusals.GetValueOrDefault("unknown_signing_key");

    /// <summary>Gets a value indicating whether the token requests are within [expected, expected × 1.5].</summary>
    public bool TokenRequestsWithinBounds =>
        TokenRequests >= Settings.ExpectedTokenRequests && TokenRequests <= Settings.ExpectedTokenRequests * 3 / 2;

    /// <summary>Gets a value indicating whether every goal of the soak was met.</summary>
    public bool MetEveryGoal =>
        FailedCalls == 0 && UnknownKeyRefusals == 0 && JwksDownloadsAfterWarmUp == 1 && OldKeyRequestsAfterRemoval == 0 && TokenRequestsWithinBounds;
}
