using Cognito.Mcp.Auth;
using Cognito.Mcp.Auth.Internal;
using Cognito.Mcp.Auth.Server.Internal;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Cognito access-token protection for an ASP.NET Core MCP server.</summary>
public static class CognitoMcpAuthServiceCollectionExtensions
{
    /// <summary>
    /// Accepts Amazon Cognito access tokens on MCP endpoints marked with <c>RequireCognitoMcpAuth()</c>, serves the RFC
    /// 9728 protected resource metadata, and answers refusals with RFC 6750 challenges. Settings come from the
    /// <c>Cognito</c> configuration section.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The authentication builder, to add further schemes.</returns>
    public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddCognitoMcpAuth(this IServiceCollection services) =>
        services.AddCognitoMcpAuth(CognitoMcpAuthenticationDefaults.ConfigurationSection, configure: null);

    /// <summary>
    /// Like <see cref="AddCognitoMcpAuth(IServiceCollection)"/>, then applies <paramref name="configure"/> over the
    /// <c>Cognito</c> configuration section.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets options in code; runs after configuration binding.</param>
    /// <returns>The authentication builder, to add further schemes.</returns>
    public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddCognitoMcpAuth(this IServiceCollection services, Action<CognitoMcpAuthOptions> configure) =>
        services.AddCognitoMcpAuth(CognitoMcpAuthenticationDefaults.ConfigurationSection, configure);

    /// <summary>
    /// Accepts Amazon Cognito access tokens, reading settings from <paramref name="configurationSectionPath"/> and then
    /// <paramref name="configure"/>. Invalid settings stop the application at start-up with a message naming each.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configurationSectionPath">The configuration section to bind, e.g. <c>Cognito</c>.</param>
    /// <param name="configure">Sets options in code after binding; may be <see langword="null"/>.</param>
    /// <returns>The authentication builder, to add further schemes.</returns>
    public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddCognitoMcpAuth(
        this IServiceCollection services, string configurationSectionPath, Action<CognitoMcpAuthOptions>? configure) =>
        services.AddCognitoMcpAuth(CognitoMcpAuthenticationDefaults.AuthenticationScheme, configurationSectionPath, configure);

    /// <summary>
    /// Accepts access tokens of one more Cognito user pool, under its own authentication scheme: its own settings
    /// (<paramref name="configurationSectionPath"/>, options named <paramref name="authenticationScheme"/>), signing
    /// keys, metadata, challenges and authorization policy (also named <paramref name="authenticationScheme"/>). Protect
    /// an endpoint with <c>RequireCognitoMcpAuth("scheme")</c>, or with several schemes to accept tokens of either pool.
    /// The first registration's scheme becomes the application's default when it chose none.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="authenticationScheme">The scheme, e.g. <c>PartnerPool</c>; <c>CognitoMcp</c> is the default registration's.</param>
    /// <param name="configurationSectionPath">The configuration section to bind, e.g. <c>PartnerCognito</c>.</param>
    /// <param name="configure">Sets options in code after binding; may be <see langword="null"/>.</param>
    /// <returns>The authentication builder, to add further schemes.</returns>
    public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddCognitoMcpAuth(
        this IServiceCollection services, string authenticationScheme, string configurationSectionPath, Action<CognitoMcpAuthOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(authenticationScheme);
        ArgumentException.ThrowIfNullOrWhiteSpace(configurationSectionPath);

        var registry = SingletonInstance.GetOrAdd<CognitoSchemeRegistry>(services);
        if (registry.Find(authenticationScheme) is not null)
        {
            throw new InvalidOperationException(
                $"AddCognitoMcpAuth was already called for the scheme '{authenticationScheme}'. For a second user pool, give it a scheme and a configuration section of its own, e.g. AddCognitoMcpAuth(\"PartnerPool\", \"PartnerCognito\", null).");
        }

        var registration = new CognitoSchemeRegistration(authenticationScheme, configurationSectionPath);
        var first = registry.All.Count == 0;
        registry.Add(registration);

        var optionsBuilder = CognitoMcpAuthSettings.Bind(services.AddOptions<CognitoMcpAuthOptions>(registration.OptionsName), configurationSectionPath);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.AddAuthorization(options => options.AddPolicy(authenticationScheme, policy => policy
            .AddAuthenticationSchemes(authenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(scopes: null, schemes: [authenticationScheme]))));

        if (first)
        {
            AddSharedServices(services, registry);
        }

        return services
            .AddAuthentication()
            .AddJwtBearer(registration.BearerScheme, displayName: null, _ => { })
            .AddScheme<CognitoMcpSchemeOptions, CognitoMcpAuthenticationHandler>(authenticationScheme, "Amazon Cognito (MCP)", _ => { });
    }

    private static void AddSharedServices(IServiceCollection services, CognitoSchemeRegistry registry)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CognitoMcpAuthOptions>, CognitoMcpAuthPostConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CognitoMcpAuthOptions>, CognitoMcpAuthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, ConfigureCognitoJwtBearerOptions>());

        services.TryAddSingleton<CognitoSchemes>();
        services.TryAddSingleton<ScopeAuthorizationHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ScopeAuthorizationHandler>(sp => sp.GetRequiredService<ScopeAuthorizationHandler>()));
        services.TryAddSingleton<ToolScopeGuard>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Hosting.IStartupFilter, McpEndpointProtectionCheck>());
        services.TryAddSingleton<CognitoJwtBearerEvents>();
        services.AddMetrics();
        services.TryAddSingleton<Cognito.Mcp.Auth.Diagnostics.ServerTelemetry>();

        DecorateResultHandler(services);

        // Default schemes only for an application that chose none (checked after all of its own configuration).
        services.PostConfigure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(options =>
        {
            if (options.DefaultScheme is null && options.DefaultAuthenticateScheme is null
                && options.DefaultChallengeScheme is null && options.DefaultForbidScheme is null)
            {
                options.DefaultAuthenticateScheme = registry.Default.Scheme;
                options.DefaultChallengeScheme = registry.Default.Scheme;
                options.DefaultForbidScheme = registry.Default.Scheme;
            }
        });
    }

    /// <summary>
    /// Wraps whatever <see cref="IAuthorizationMiddlewareResultHandler"/> is registered so far (the application's, or the
    /// framework's default) instead of replacing it. A handler the application registers later replaces ours; 403s
    /// then name <c>RequiredScopes</c> rather than the scope a tool needed.
    /// </summary>
    private static void DecorateResultHandler(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ResultHandlerDecorated)))
        {
            return;
        }

        services.AddSingleton<ResultHandlerDecorated>();
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler) && !d.IsKeyedService);
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler>(provider => new InsufficientScopeResultHandler(
            provider.GetRequiredService<ScopeAuthorizationHandler>(),
            existing switch
            {
                null => new Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler(),
                { ImplementationInstance: IAuthorizationMiddlewareResultHandler instance } => instance,
                { ImplementationFactory: { } factory } => (IAuthorizationMiddlewareResultHandler)factory(provider),
                _ => (IAuthorizationMiddlewareResultHandler)ActivatorUtilities.CreateInstance(provider, existing.ImplementationType!),
            })));
    }

    /// <summary>Marks a service collection whose result handler is already wrapped (AddCognitoMcpAuth called twice).</summary>
    private sealed class ResultHandlerDecorated;
}
