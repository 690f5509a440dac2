using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Client.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis lock that makes processes sharing a Redis token cache request each token once.</summary>
public static class CognitoTokenRedisLockServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICognitoTokenRequestLock"/> on the Redis server of the application's Redis cache
    /// (register that with <c>AddStackExchangeRedisCache</c>; it is the token client's distributed cache).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCognitoTokenRedisLock(this IServiceCollection services) =>
        services.AddCognitoTokenRedisLock(configuration: null, configure: null);

    /// <summary>Registers the Redis token request lock with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCognitoTokenRedisLock(this IServiceCollection services, Action<CognitoTokenRedisLockOptions> configure) =>
        services.AddCognitoTokenRedisLock(configuration: null, configure);

    /// <summary>
    /// Registers the Redis token request lock: options bound from <paramref name="configuration"/> (e.g. the section
    /// <c>CognitoRedisLock</c> with the key <c>Lease</c>), then <paramref name="configure"/>, validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="CognitoTokenRedisLockOptions"/>, or <see langword="null"/>.</param>
    /// <param name="configure">Sets the options after binding, or <see langword="null"/>.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCognitoTokenRedisLock(
        this IServiceCollection services,
        IConfiguration? configuration,
        Action<CognitoTokenRedisLockOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<CognitoTokenRedisLockOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(
            o => o.Lease > TimeSpan.Zero && o.Lease <= TimeSpan.FromMinutes(10),
            "CognitoTokenRedisLockOptions.Lease (the Lease key of the section passed to AddCognitoTokenRedisLock) must be positive and at most 10 minutes: it is how long a lock outlives a process that died holding it.")
            .ValidateOnStart();
        services.TryAddSingleton<RedisTokenRequestLock>();
        services.TryAddSingleton<ICognitoTokenRequestLock>(provider => provider.GetRequiredService<RedisTokenRequestLock>());
        return services;
    }
}
