using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>
/// A service provider with token clients bound to an in-memory, reloadable configuration (section <c>Cognito</c>,
/// named clients under <c>Cognito:Clients:{name}</c>), fake logging at Trace level and an optional fake clock and
/// shared distributed cache.
/// </summary>
public sealed class TokenClientTestHost : IAsyncDisposable
{
    private TokenClientTestHost(ServiceProvider services, IConfigurationRoot configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    public ServiceProvider Services { get; }

    public IConfigurationRoot Configuration { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public ICognitoTokenClient Client => Services.GetRequiredService<ICognitoTokenClient>();

    public ICognitoTokenClient GetClient(string name) => Services.GetRequiredService<ICognitoTokenClientFactory>().GetClient(name);

    /// <summary>Settings for the development pool's M2M client as the default client (scope my-api/read), with retries that do not wait.</summary>
    public static Dictionary<string, string?> DefaultSettings(LocalCognito cognito) =>
        DefaultSettings(cognito.DevelopmentPool!.TokenEndpoint, LocalCognitoDevelopmentPool.M2MClientId, LocalCognitoDevelopmentPool.M2MClientSecret);

    /// <summary>Settings for the default client against <paramref name="tokenEndpoint"/>, with retries that do not wait.</summary>
    public static Dictionary<string, string?> DefaultSettings(Uri tokenEndpoint, string clientId, string clientSecret, string prefix = "Cognito") => new()
    {
        [$"{prefix}:TokenEndpoint"] = tokenEndpoint.AbsoluteUri,
        [$"{prefix}:ClientId"] = clientId,
        [$"{prefix}:ClientSecret"] = clientSecret,
        [$"{prefix}:Scopes:0"] = LocalCognitoDevelopmentPool.ReadScope,
        [$"{prefix}:RetryDelay"] = "00:00:00",
    };

    public static TokenClientTestHost Create(
        Dictionary<string, string?> settings,
        TimeProvider? timeProvider = null,
        IDistributedCache? distributedCache = null,
        Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        if (distributedCache is not null)
        {
            services.AddSingleton(distributedCache);
        }

        if (configure is null)
        {
            services.AddCognitoTokenClient(configuration.GetSection("Cognito"));
        }
        else
        {
            configure(services, configuration);
        }

        services.TrustRunCertificate();

        return new TokenClientTestHost(services.BuildServiceProvider(validateScopes: true), configuration);
    }

    /// <summary>Changes a setting the way a reloaded configuration file would.</summary>
    public void ChangeSetting(string key, string? value)
    {
        Configuration[key] = value;
        Configuration.Reload();
    }

    /// <summary>Every log message, exception message and structured value logged so far.</summary>
    public IEnumerable<string> AllLogText() => Logs.GetSnapshot().SelectMany(r =>
        new[] { r.Message, r.Exception?.ToString() ?? string.Empty }
            .Concat(r.StructuredState?.Select(s => s.Value ?? string.Empty) ?? []));

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
