namespace Cognito.Mcp.Auth.Soak;

/// <summary>What a soak runs: how many clients, for how long, with tokens of what lifetime, and when keys rotate.</summary>
public sealed record SoakSettings
{
    /// <summary>The full soak of issue #13: 32 clients, 60 s, tokens of 10 s.</summary>
    public static SoakSettings Full { get; } = new() { Clients = 32, Duration = TimeSpan.FromSeconds(60), TokenLifetime = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// The version CI runs: 8 clients, 12 s, tokens of 4 s. The token client refreshes at half a lifetime, so 4 s tokens
    /// are refreshed every 2 s: 6 per client, and a call can lag by up to about 0.4 s per refresh on a slow machine
    /// before a client would fall one refresh short (with 2 s tokens that margin would be 0.14 s).
    /// </summary>
    public static SoakSettings Quick { get; } = new() { Clients = 8, Duration = TimeSpan.FromSeconds(12), TokenLifetime = TimeSpan.FromSeconds(4) };

    /// <summary>Gets the number of MCP clients, each with its own app client, token client and cache.</summary>
    public int Clients { get; init; } = 32;

    /// <summary>Gets how long each client calls tools, counted from the moment it starts connecting.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the access tokens' lifetime (LocalCognito's emulator-only setting; whole seconds).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets the token client's <c>RefreshBeforeExpiry</c>. Defaults to the library's default, 60 s, which the token
    /// client clamps to half the lifetime of short tokens.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how long a client keeps a token before requesting the next: the lifetime minus the clamped buffer.</summary>
    public TimeSpan RefreshPeriod => TokenLifetime - (RefreshBeforeExpiry < TokenLifetime / 2 ? RefreshBeforeExpiry : TokenLifetime / 2);

    /// <summary>
    /// Gets the token requests expected: one per client per refresh period that starts within the client's run, that
    /// is <c>Clients × ⌈Duration / RefreshPeriod⌉</c>. Computed from the lifetimes only, never from a measured time.
    /// </summary>
    public long ExpectedTokenRequests => Clients * (long)Math.Ceiling(Duration / RefreshPeriod);

    /// <summary>Throws when the settings cannot give the soak its shape (the old key must go before the run ends).</summary>
    public void Validate()
    {
        if (Clients < 1 || Duration <= TimeSpan.Zero || TokenLifetime < TimeSpan.FromSeconds(1) || TokenLifetime.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"Need at least one client, a positive duration and a lifetime of whole seconds; got {this}.");
        }

        if (Duration / 2 + TokenLifetime >= Duration)
        {
            throw new ArgumentException(
                $"The keys rotate at half the run ({Duration / 2}) and the old key goes one token lifetime later ({TokenLifetime}); that must be before the end ({Duration}). Use a lifetime below half the duration.");
        }
    }
}
