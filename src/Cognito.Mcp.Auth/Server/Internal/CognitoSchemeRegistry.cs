namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// Every <c>AddCognitoMcpAuth</c> registration of the application, in order: one user pool each, under its own scheme,
/// options name and configuration section. Kept as an instance in the service collection so later registrations see
/// the earlier ones.
/// </summary>
internal sealed class CognitoSchemeRegistry
{
    private readonly List<CognitoSchemeRegistration> _registrations = [];

    public IReadOnlyList<CognitoSchemeRegistration> All => _registrations;

    public CognitoSchemeRegistration Default => _registrations[0];

    public void Add(CognitoSchemeRegistration registration) => _registrations.Add(registration);

    // Loops, not List.Find with a lambda: these run several times per request, and a capturing lambda is two allocations.
    public CognitoSchemeRegistration? Find(string scheme)
    {
        foreach (var registration in _registrations)
        {
            if (registration.Scheme == scheme)
            {
                return registration;
            }
        }

        return null;
    }

    public CognitoSchemeRegistration? FindByBearer(string bearerScheme)
    {
        foreach (var registration in _registrations)
        {
            if (registration.BearerScheme == bearerScheme)
            {
                return registration;
            }
        }

        return null;
    }

    public CognitoSchemeRegistration? FindByOptionsName(string? optionsName) =>
        _registrations.Find(r => r.OptionsName == (optionsName ?? Microsoft.Extensions.Options.Options.DefaultName));
}

/// <summary>
/// One registration: the MCP scheme (<c>CognitoMcp</c> by default), the JwtBearer scheme behind it, the options name
/// (the default, unnamed options for the default scheme, so <c>Configure&lt;CognitoMcpAuthOptions&gt;</c> keeps
/// working) and the configuration section its errors name.
/// </summary>
internal sealed record CognitoSchemeRegistration(string Scheme, string SectionPath)
{
    // Built once: it is read on every request (forwarding, and finding the pool of a JwtBearer scheme).
    public string BearerScheme { get; } = Scheme + ".Bearer";

    public string OptionsName => Scheme == CognitoMcpAuthenticationDefaults.AuthenticationScheme ? Microsoft.Extensions.Options.Options.DefaultName : Scheme;
}
