using System.Net;

namespace WebLogin;

/// <summary>The <c>Cognito</c> section: the web app client and where its user pool lives.</summary>
internal sealed class WebLoginSettings
{
    /// <summary>Gets or sets the issuer of the user pool, whose discovery document lists the OAuth endpoints.</summary>
    public string Authority { get; set; } = "";

    /// <summary>Gets or sets the user pool domain (managed login, <c>/oauth2/userInfo</c>, <c>/logout</c>).</summary>
    public string Domain { get; set; } = "";

    /// <summary>Gets or sets the web app client id.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Gets or sets the web app client secret (user-secrets, an environment variable or .env; never source control).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Gets or sets the scopes asked for at sign-in.</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Gets or sets the registered callback URL; empty means this app's own address + <c>/callback</c>.</summary>
    public string RedirectUri { get; set; } = "";

    /// <summary>Gets or sets the registered sign-out URL; empty means this app's own address + <c>/logout</c>.</summary>
    public string LogoutUri { get; set; } = "";

    /// <summary>Gets a value indicating whether the user pool is on this machine (LocalCognito), so plain http is acceptable.</summary>
    public bool IsLoopback => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && IsLoopbackHost(uri);

    public static bool IsLoopbackHost(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Every problem at once, each naming its setting and the fix.</summary>
    public IEnumerable<string> Validate(bool isDevelopment)
    {
        foreach (var (name, value) in new[] { ("Authority", Authority), ("Domain", Domain) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                yield return $"Cognito:{name} '{value}' is not an absolute URL: run setup.sh, or set it (e.g. https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123 for Authority).";
            }
            else if (!isDevelopment && (uri.Scheme != "https" || IsLoopbackHost(uri)))
            {
                yield return $"Cognito:{name} '{value}' is plain http or a loopback address (LocalCognito), which only the Development environment accepts: point it at your real user pool over https.";
            }
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return "Cognito:ClientId is empty: set it to the web app client id (PUBLIC_CLIENT_ID in setup.sh's .env).";
        }

        if (string.IsNullOrEmpty(ClientSecret))
        {
            yield return "Cognito:ClientSecret is empty: set it with 'dotnet user-secrets set Cognito:ClientSecret ...', an environment variable Cognito__ClientSecret, or setup.sh's .env.";
        }
    }
}
