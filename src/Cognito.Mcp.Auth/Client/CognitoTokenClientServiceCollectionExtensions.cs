using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Client.Internal;
using Cognito.Mcp.Auth.Diagnostics;
using Cognito.Mcp.Auth.Internal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Cognito token clients (machine-to-machine tokens with caching, early refresh and resilience).</summary>
public static class CognitoTokenClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default token client, bound to a configuration section (usually <c>Cognito</c>) and reloaded
    /// when it changes. Inject <see cref="ICognitoTokenClient"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="CognitoTokenClientOptions"/>.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCognitoTokenClient(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCognitoTokenClient(Options.Options.DefaultName, configuration, configure: null);

    /// <summary>Registers the default token client, configured in code. Inject <see cref="ICognitoTokenClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCognitoTokenClient(this IServiceCollection services, Action<CognitoTokenClientOptions> configure) =>
        services.AddCognitoTokenClient(Options.Options.DefaultName, configuration: null, configure);

    /// <summary>
    /// Registers a named token client bound to a configuration section. Inject it with
    /// <c>[FromKeyedServices("name")] ICognitoTokenClient</c> or get it from <see cref="ICognitoTokenClientFactory"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configuration">The section holding <see cref="CognitoTokenClientOptions"/>.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCognitoTokenClient(this IServiceCollection services, string name, IConfiguration configuration) =>
        services.AddCognitoTokenClient(name, configuration, configure: null);

    /// <summary>Registers a named token client configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCognitoTokenClient(this IServiceCollection services, string name, Action<CognitoTokenClientOptions> configure) =>
        services.AddCognitoTokenClient(name, configuration: null, configure);

    /// <summary>
    /// Registers a token client named <paramref name="name"/> (<see cref="string.Empty"/> for the default client):
    /// options bound from <paramref name="configuration"/> (reloaded on change), then <paramref name="configure"/>,
    /// validated at start-up; tokens cached in <c>HybridCache</c>; HTTP through <see cref="IHttpClientFactory"/> with
    /// retries and timeouts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configuration">The section holding the options, or <see langword="null"/>.</param>
    /// <param name="configure">Sets the options after binding, or <see langword="null"/>.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddCognitoTokenClient(
        this IServiceCollection services,
        string name,
        IConfiguration? configuration,
        Action<CognitoTokenClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);

        var options = services.AddOptions<CognitoTokenClientOptions>(name);
        if (configuration is not null)
        {
            var path = (configuration as IConfigurationSection)?.Path ?? string.Empty;
            options.Bind(configuration).Configure(o => o.ConfigurationPath = path);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CognitoTokenClientOptions>, CognitoTokenClientPostConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CognitoTokenClientOptions>, CognitoTokenClientOptionsValidator>());

        services.AddLogging();
        services.AddMetrics();
        services.AddHybridCache();

        // Tokens that go to a distributed cache are encrypted; the key ring is the application's (AddDataProtection
        // keeps any configuration it has). See docs/security.md.
        services.AddDataProtection();
        services.TryAddSingleton<IHybridCacheSerializer<CachedToken>, CachedTokenSerializer>();
        services.TryAddSingleton<TokenRequestLockGate>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenClientTelemetry>();
        services.TryAddSingleton<ICognitoTokenClientFactory, CognitoTokenClientFactory>();

        if (!SingletonInstance.GetOrAdd<CognitoTokenClientRegistry>(services).Add(name))
        {
            return services;
        }

        services.TryAddKeyedSingleton<ICognitoTokenClient>(
            name,
            (provider, _) => provider.GetRequiredService<ICognitoTokenClientFactory>().GetClient(name));
        if (name.Length == 0)
        {
            services.TryAddSingleton(provider => provider.GetRequiredService<ICognitoTokenClientFactory>().GetClient(string.Empty));
        }

        // A 307/308 from the token endpoint would post the client secret again to wherever it points. Post-configured,
        // so it also applies to a primary handler the application sets later (a proxy, a certificate).
        services.PostConfigure<Microsoft.Extensions.Http.HttpClientFactoryOptions>(
            CognitoTokenClientDefaults.GetHttpClientName(name),
            options => options.HttpMessageHandlerBuilderActions.Add(static builder => HttpRedirects.Disable(builder.PrimaryHandler)));
        services.AddHttpClient(CognitoTokenClientDefaults.GetHttpClientName(name))
            .AddResilienceHandler(
                TokenClientResilience.PipelineName,
                (pipeline, context) => TokenClientResilience.Configure(name, pipeline, context));
        return services;
    }
}
