using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// The run-time state of every registered user pool, by scheme: options read by name, one signing-key manager, one
/// metadata document, one set of rules and events each. Schemes that share a <c>Resource</c> (one endpoint, several
/// pools) share one metadata document naming every pool's issuer.
/// </summary>
internal sealed class CognitoSchemes(CognitoSchemeRegistry registry, IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, Lazy<CognitoScheme>> _schemes = new(StringComparer.Ordinal);

    public CognitoSchemeRegistry Registry => registry;

    public CognitoScheme Get(string scheme) =>
        _schemes.GetOrAdd(scheme, name => new Lazy<CognitoScheme>(() => Create(registry.Find(name)
            ?? throw new InvalidOperationException($"No AddCognitoMcpAuth registration uses the scheme '{name}'.")))).Value;

    public CognitoScheme? ForBearer(string bearerScheme) => registry.FindByBearer(bearerScheme) is { } found ? Get(found.Scheme) : null;

    /// <summary>The pool that authenticated <paramref name="user"/>; the first registered when none did.</summary>
    public CognitoScheme For(ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            if (Of(identity) is { } scheme)
            {
                return scheme;
            }
        }

        return Get(registry.Default.Scheme);
    }

    /// <summary>The pool that authenticated <paramref name="identity"/>; <see langword="null"/> when none did.</summary>
    public CognitoScheme? Of(ClaimsIdentity identity) =>
        identity.IsAuthenticated && identity.AuthenticationType is { } type && registry.Find(type) is not null ? Get(type) : null;

    private CognitoScheme Create(CognitoSchemeRegistration registration)
    {
        var monitor = services.GetRequiredService<IOptionsMonitor<CognitoMcpAuthOptions>>();
        var options = monitor.Get(registration.OptionsName);
        var sharing = registry.All
            .Select(r => (Registration: r, Options: r == registration ? options : monitor.Get(r.OptionsName)))
            .Where(other => string.Equals(other.Options.Resource, options.Resource, StringComparison.Ordinal))
            .ToList();
        var metadata = new ProtectedResourceMetadata(options, sharing.Select(s => s.Options).ToList(), services.GetService<IHostEnvironment>());
        var allowed = new AllowedClients(
            registration.OptionsName,
            options,
            services.GetRequiredService<IOptionsFactory<CognitoMcpAuthOptions>>(),
            services.GetServices<IOptionsChangeTokenSource<CognitoMcpAuthOptions>>(),
            services.GetRequiredService<ILoggerFactory>());
        return new CognitoScheme(
            registration,
            options,
            metadata,
            new CognitoAccessTokenRules(options, allowed),
            new ApplicationEvents(options, services));
    }
}
