using Microsoft.AspNetCore.DataProtection;

namespace CalculatorServer;

/// <summary>
/// Optional (off by default): with <c>SharedState:Redis</c> set (e.g. <c>127.0.0.1:6379</c>), several CalculatorServer
/// instances behind a load balancer share the authorization bridge's state (registrations, sign-ins in progress, codes,
/// refresh tokens) through Redis, so a sign-in may start on one instance and finish on another. The state is encrypted
/// with Data Protection, so the instances must share a key ring: <c>SharedState:KeyRingDirectory</c> (a directory all
/// of them can read, never in that Redis).
/// </summary>
internal static class SharedState
{
    public static IServiceCollection AddSharedState(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["SharedState:Redis"] is not { Length: > 0 } redis)
        {
            return services;
        }

        services.AddStackExchangeRedisCache(options => options.Configuration = redis);
        var dataProtection = services.AddDataProtection().SetApplicationName("Cognito.Mcp.Auth.CalculatorServer");
        if (configuration["SharedState:KeyRingDirectory"] is { Length: > 0 } keyRing)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyRing));
        }

        return services;
    }
}
