using Cognito.Mcp.Auth;
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
        this IServiceCollection services, string configurationSectionPath, Action<CognitoMcpAuthOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configurationSectionPath);

        var optionsBuilder = services.AddOptions<CognitoMcpAuthOptions>().BindConfiguration(configurationSectionPath);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddSingleton(new ConfigurationSectionName(configurationSectionPath));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CognitoMcpAuthOptions>, CognitoMcpAuthPostConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CognitoMcpAuthOptions>, CognitoMcpAuthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, ConfigureCognitoJwtBearerOptions>());

        services.TryAddSingleton<ProtectedResourceMetadata>();
        services.TryAddSingleton<ScopeAuthorizationHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ScopeAuthorizationHandler>(sp => sp.GetRequiredService<ScopeAuthorizationHandler>()));
        services.TryAddSingleton<ToolScopeGuard>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Hosting.IStartupFilter, McpEndpointProtectionCheck>());
        services.TryAddSingleton<AllowedClients>();
        services.TryAddSingleton<CognitoAccessTokenRules>();
        services.TryAddSingleton<CognitoJwtBearerEvents>();
        services.TryAddSingleton<ApplicationEvents>();
        services.AddMetrics();
        services.TryAddSingleton<Cognito.Mcp.Auth.Diagnostics.ServerTelemetry>();

        services.AddAuthorization(options => options.AddPolicy(CognitoMcpAuthenticationDefaults.PolicyName, policy => policy
            .AddAuthenticationSchemes(CognitoMcpAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(scopes: null))));

        DecorateResultHandler(services);

        // Default schemes only for an application that chose none (checked after all of its own configuration).
        services.PostConfigure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(options =>
        {
            if (options.DefaultScheme is null && options.DefaultAuthenticateScheme is null
                && options.DefaultChallengeScheme is null && options.DefaultForbidScheme is null)
            {
                options.DefaultAuthenticateScheme = CognitoMcpAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = CognitoMcpAuthenticationDefaults.AuthenticationScheme;
                options.DefaultForbidScheme = CognitoMcpAuthenticationDefaults.AuthenticationScheme;
            }
        });

        return services
            .AddAuthentication()
            .AddJwtBearer(CognitoMcpAuthenticationDefaults.BearerScheme, displayName: null, _ => { })
            .AddScheme<CognitoMcpSchemeOptions, CognitoMcpAuthenticationHandler>(CognitoMcpAuthenticationDefaults.AuthenticationScheme, "Amazon Cognito (MCP)", _ => { });
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
