namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>The rate limits of the endpoints that write to the store: authorize and registration.</summary>
internal sealed class BridgeRateLimiters(BridgeSettings settings) : IDisposable
{
    public BridgeRateLimiter Authorize { get; } = new(settings.Options.AuthorizationsPerMinute);

    public BridgeRateLimiter Registration { get; } = new(settings.Options.RegistrationsPerMinute);

    public void Dispose()
    {
        Authorize.Dispose();
        Registration.Dispose();
    }
}
