using Cognito.Mcp.Auth;
using Cognito.Mcp.Auth.Bridge.Internal;
using Cognito.Mcp.Auth.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the authorization bridge for interactive MCP clients.</summary>
public static class CognitoAuthorizationBridgeServiceCollectionExtensions
{
    /// <summary>
    /// Lets interactive MCP clients (VS Code, Claude, Cursor, the SDKs) sign in to this server although Cognito has no
    /// dynamic registration and no PKCE metadata: the server becomes the authorization server they see, and users sign
    /// in at Cognito's managed login through one confidential app client. Settings come from
    /// <c>Cognito:AuthorizationBridge</c>. Call after <c>AddCognitoMcpAuth()</c>, and map the endpoints with
    /// <c>app.MapCognitoAuthorizationBridge()</c>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddCognitoAuthorizationBridge(this IServiceCollection services) =>
        services.AddCognitoAuthorizationBridge(CognitoAuthorizationBridgeDefaults.ConfigurationSection, configure: null);

    /// <summary>
    /// Like <see cref="AddCognitoAuthorizationBridge(IServiceCollection)"/>, reading <paramref name="configurationSectionPath"/>
    /// and then applying <paramref name="configure"/>. Invalid settings stop the application at start-up.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configurationSectionPath">The configuration section to bind, e.g. <c>Cognito:AuthorizationBridge</c>.</param>
    /// <param name="configure">Sets options in code after binding; may be <see langword="null"/>.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddCognitoAuthorizationBridge(
        this IServiceCollection services, string configurationSectionPath, Action<CognitoAuthorizationBridgeOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configurationSectionPath);
        if (services.Any(d => d.ServiceType == typeof(BridgeSettings)))
        {
            throw new InvalidOperationException("AddCognitoAuthorizationBridge was already called; an application has one authorization bridge.");
        }

        var options = services.AddOptions<CognitoAuthorizationBridgeOptions>().BindConfiguration(configurationSectionPath);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CognitoAuthorizationBridgeOptions>, BridgeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CognitoMcpAuthOptions>, BridgeCognitoOptionsSetup>());

        // The state store: the application's IDistributedCache (Redis, SQL Server...) when it registered one, else memory
        // (one instance only). Data Protection protects the stored entries and cookies; instances must share its keys.
        services.AddDistributedMemoryCache();
        services.AddDataProtection();
        services.AddAntiforgery();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<BridgeSettings>();
        services.AddSingleton<BridgeStore>();
        services.AddSingleton<BridgeClients>();
        services.AddSingleton<BridgeRateLimiters>();
        services.AddSingleton<ConsentCookie>();
        services.AddSingleton<CognitoUpstream>();
        services.AddSingleton<RefreshTokens>();
        services.AddSingleton<AuthorizeEndpoint>();
        services.AddSingleton<ConsentEndpoint>();
        services.AddSingleton<CallbackEndpoint>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<RegistrationEndpoint>();
        services.AddSingleton<RevocationEndpoint>();
        services.AddClientMetadataDocumentFetcher();
        services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, BridgeMappedCheck>();

        services.PostConfigure<Microsoft.Extensions.Http.HttpClientFactoryOptions>(
            CognitoUpstream.HttpClientName,
            factory => factory.HttpMessageHandlerBuilderActions.Add(static builder => HttpRedirects.Disable(builder.PrimaryHandler)));
        services.AddHttpClient(CognitoUpstream.HttpClientName);
        return services;
    }
}
