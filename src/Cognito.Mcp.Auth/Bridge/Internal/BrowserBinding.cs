using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Ties an authorization to the browser that started it. Without it, someone could start an authorization for their
/// own client, send the victim the resulting Cognito sign-in link, and receive a code for the victim's account when the
/// victim (already signed in at Cognito) is bounced through the bridge's callback. The callback therefore requires the
/// cookie that the authorize request set in the same browser.
/// </summary>
internal static class BrowserBinding
{
    /// <summary>
    /// <c>__Host-</c> on https: such a cookie can only be set by this host, with <c>Path=/</c> and no <c>Domain</c>, so a
    /// sibling subdomain cannot plant a value it knows ("cookie tossing"). Plain http is for loopback development only.
    /// </summary>
    public static string CookieName(BridgeSettings settings) => settings.Secure ? "__Host-cognito-mcp-browser" : "cognito-mcp-browser";

    /// <summary>
    /// The options of every bridge cookie: script cannot read it, https only when the issuer is, and
    /// <c>SameSite=Lax</c> so it is sent on the top-level redirect back from Cognito's domain.
    /// </summary>
    public static CookieOptions CookieOptions(BridgeSettings settings, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = settings.Secure,
        SameSite = SameSiteMode.Lax,
        Path = settings.Secure ? "/" : settings.IssuerPath + "/oauth", // __Host- requires Path=/
        Expires = expires,
        IsEssential = true,
    };



    /// <summary>The browser's binding value (set now if it has none), as the hash stored with the authorization.</summary>
    public static string Ensure(HttpContext context, BridgeSettings settings)
    {
        var name = CookieName(settings);
        if (context.Request.Cookies[name] is not { Length: 43 } value)
        {
            value = RandomIds.New();
            context.Response.Cookies.Append(name, value, CookieOptions(settings, expires: null));
        }

        return Hash(value);
    }

    public static bool Matches(HttpContext context, BridgeSettings settings, string expectedHash) =>
        context.Request.Cookies[CookieName(settings)] is { } value
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(value)), Encoding.ASCII.GetBytes(expectedHash));

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
