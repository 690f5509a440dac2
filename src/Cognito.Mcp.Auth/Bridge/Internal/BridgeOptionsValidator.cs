using Cognito.Mcp.Auth.Internal;
using Cognito.Mcp.Auth.Server.Internal;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>Checks the bridge's settings at start-up and names every mistake at once, with the setting and the fix.</summary>
internal sealed class BridgeOptionsValidator(CognitoSchemeRegistry registry, IOptionsMonitor<CognitoMcpAuthOptions> cognitoOptions)
    : IValidateOptions<CognitoAuthorizationBridgeOptions>
{
    private const string Section = CognitoAuthorizationBridgeDefaults.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, CognitoAuthorizationBridgeOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{Section}:ClientId is missing. Create a confidential Cognito app client for the bridge (setup.sh does) with the authorization code grant, this server's scopes and the callback URL {{issuer}}{CognitoAuthorizationBridgeDefaults.CallbackPath}, and set its id here.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add($"{Section}:ClientSecret is missing. Set the secret of the bridge's app client (a user secret or environment variable, not appsettings.json).");
        }

        var registration = registry.Find(options.AuthenticationScheme);
        if (registration is null)
        {
            errors.Add($"{Section}:AuthenticationScheme is '{options.AuthenticationScheme}', which no AddCognitoMcpAuth call registered.");
        }
        else
        {
            var cognito = cognitoOptions.Get(registration.OptionsName);
            var issuer = BridgeIssuer.Resolve(options.Issuer, cognito.Resource);
            if (issuer is null || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                errors.Add($"{Section}:Issuer \"{options.Issuer}\" must be an absolute URL without query or fragment, e.g. https://mcp.example.com (by default, the parent of {registration.SectionPath}:Resource).");
            }
            else if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && LoopbackAddress.IsLoopback(uri)))
            {
                errors.Add($"{Section}:Issuer \"{issuer}\" must use https (plain http only on a loopback host, for development).");
            }
            else if (Uri.TryCreate(cognito.Resource, UriKind.Absolute, out var resourceUri)
                && !string.Equals(uri.GetLeftPart(UriPartial.Authority), resourceUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{Section}:Issuer \"{issuer}\" is not on the MCP server's origin ({resourceUri.GetLeftPart(UriPartial.Authority)}, from {registration.SectionPath}:Resource). The bridge's endpoints are served by this server, so its issuer is too.");
            }

            if (OfferedScopeProblem(cognito, registration.SectionPath) is { } scopeProblem)
            {
                errors.Add(scopeProblem);
            }
        }

        Positive(errors, options.RegistrationLifetime, nameof(options.RegistrationLifetime));
        Positive(errors, options.AuthorizationLifetime, nameof(options.AuthorizationLifetime));
        Positive(errors, options.AuthorizationCodeLifetime, nameof(options.AuthorizationCodeLifetime));
        Positive(errors, options.RefreshTokenLifetime, nameof(options.RefreshTokenLifetime));
        Positive(errors, options.ConsentLifetime, nameof(options.ConsentLifetime));
        Positive(errors, options.UpstreamTimeout, nameof(options.UpstreamTimeout));
        if (options.AuthorizationCodeLifetime > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Section}:AuthorizationCodeLifetime is {options.AuthorizationCodeLifetime}; RFC 6749 section 4.1.2 asks for at most 10 minutes.");
        }

        if (options.RegistrationsPerMinute < 1)
        {
            errors.Add($"{Section}:RegistrationsPerMinute must be at least 1 (set DynamicClientRegistration to false to turn registration off).");
        }

        if (options.AuthorizationsPerMinute < 1)
        {
            errors.Add($"{Section}:AuthorizationsPerMinute must be at least 1.");
        }

        foreach (var (setting, value) in new[] { ("LogoUrl", options.ConsentPage.LogoUrl), ("StylesheetUrl", options.ConsentPage.StylesheetUrl) })
        {
            if (value is { Length: > 0 } && (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && !LoopbackAddress.IsLoopback(url))))
            {
                errors.Add($"{Section}:ConsentPage:{setting} \"{value}\" must be an absolute https URL.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// The bridge offers its clients the server's <c>scopes_supported</c>. A user-pool scope (<c>openid</c>,
    /// <c>aws.cognito.signin.user.admin</c>...) or another API's scope there would let any client the user consents to
    /// obtain a token for Cognito's user APIs or for that API.
    /// </summary>
    private static string? OfferedScopeProblem(CognitoMcpAuthOptions cognito, string sectionPath)
    {
        var foreign = cognito.ScopesSupported
            .Where(s => CognitoMcpAuthPostConfigureOptions.UserPoolScopes.Contains(s, StringComparer.Ordinal)
                || (cognito.ResourceServerIdentifier is { Length: > 0 } api && !s.StartsWith(api + "/", StringComparison.Ordinal)))
            .ToArray();
        return foreign.Length == 0
            ? null
            : $"{sectionPath}:ScopesSupported holds {string.Join(", ", foreign)}: the authorization bridge offers its clients only this API's scopes ({sectionPath}:ResourceServerIdentifier), never the user pool's own or another API's. Remove them.";
    }

    private static void Positive(List<string> errors, TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:{setting} must be positive, e.g. 00:10:00.");
        }
    }
}
