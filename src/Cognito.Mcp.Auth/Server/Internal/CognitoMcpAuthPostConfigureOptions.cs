using Cognito.Mcp.Auth.Internal;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>Fills in the values derived from the others: region, issuer, metadata address, qualified scopes.</summary>
internal sealed class CognitoMcpAuthPostConfigureOptions : IPostConfigureOptions<CognitoMcpAuthOptions>
{
    public void PostConfigure(string? name, CognitoMcpAuthOptions options)
    {
        // An explicit Cognito:Region must agree with the pool (the validator says so when it does not). Otherwise the
        // pool id names its own region. The ambient AWS region is deliberately not consulted: a valid pool id always
        // carries its region, and an app in eu-west-1 may well use a pool in us-east-1.
        CognitoUserPoolId.TryGetRegion(options.UserPoolId, out var poolRegion);
        options.Region = Trimmed(options.Region) ?? (poolRegion.Length > 0 ? poolRegion : null);

        if (Trimmed(options.Issuer) is null && options.Region is not null && poolRegion.Length > 0)
        {
            options.Issuer = CognitoUrls.Issuer(options.Region, options.UserPoolId!);
        }

        if (Trimmed(options.MetadataAddress) is null && Trimmed(options.Issuer) is { } issuer)
        {
            options.MetadataAddress = issuer + CognitoUrls.OpenIdConfigurationPath;
        }

        Qualify(options.RequiredScopes, options.ResourceServerIdentifier);
        Qualify(options.ScopesSupported, options.ResourceServerIdentifier);
        if (options.ScopesSupported.Count == 0)
        {
            foreach (var scope in options.RequiredScopes)
            {
                options.ScopesSupported.Add(scope);
            }
        }
    }

    /// <summary>The scopes Cognito itself defines; any user of the pool can hold them, so they never protect an API.</summary>
    internal static readonly string[] UserPoolScopes = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

    /// <summary>
    /// Qualifies <c>read</c> as <c>my-api/read</c>; leaves scopes that already name a resource server, and Cognito's
    /// own scopes (which the validator then refuses by name), alone.
    /// </summary>
    internal static string Qualify(string scope, string? resourceServerIdentifier) =>
        scope.Contains('/', StringComparison.Ordinal) || string.IsNullOrWhiteSpace(resourceServerIdentifier)
            || UserPoolScopes.Contains(scope, StringComparer.Ordinal)
            ? scope
            : $"{resourceServerIdentifier}/{scope}";

    private static void Qualify(IList<string> scopes, string? resourceServerIdentifier)
    {
        var qualified = scopes.Select(s => Qualify(s.Trim(), resourceServerIdentifier)).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        scopes.Clear();
        foreach (var scope in qualified)
        {
            scopes.Add(scope);
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
