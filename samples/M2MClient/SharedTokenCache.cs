using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace M2MClient;

/// <summary>
/// Optional (off by default): with <c>TokenCache:Redis</c> set (e.g. <c>127.0.0.1:6379</c>), every M2MClient process
/// shares the token cache through Redis and they request each token once between them. Tokens in Redis are encrypted
/// with Data Protection, so the processes must share a key ring: <c>TokenCache:KeyRingDirectory</c> (a directory all of
/// them can read, never in that Redis); without it, the user profile's default key ring of this machine is used.
/// </summary>
internal static class SharedTokenCache
{
    public static IServiceCollection AddSharedTokenCache(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["TokenCache:Redis"] is not { Length: > 0 } redis)
        {
            return services;
        }

        // Fail fast while Redis is away (the token client then works per process) and reconnect by itself.
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        services.AddStackExchangeRedisCache(o => o.ConfigurationOptions = options);
        services.AddCognitoTokenRedisLock(configuration.GetSection("TokenCache:Lock"), configure: null); // TokenCache:Lock:Lease

        var dataProtection = services.AddDataProtection().SetApplicationName("Cognito.Mcp.Auth.M2MClient");
        if (configuration["TokenCache:KeyRingDirectory"] is { Length: > 0 } keyRing)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyRing));
        }

        return services;
    }
}
