using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Remembers, in the user's browser, which clients the user allowed. The bridge must ask before it sends the user to
/// Cognito (it does not know the user yet), so consent is remembered per browser and client, not per account. The
/// cookie is encrypted and authenticated with Data Protection; a consent covers one client, one redirect place (for
/// loopback redirects, any port: desktop clients pick a new port each time) and the scopes the user saw, and it is
/// bound to the browser-binding cookie, so a consent cookie copied or planted into another browser is worthless.
/// </summary>
internal sealed class ConsentCookie(BridgeSettings settings, IDataProtectionProvider dataProtection, TimeProvider time)
{
    private const int MaxRemembered = 20;
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Cognito.Mcp.Auth.AuthorizationBridge.v1", "consent");

    public string CookieName => settings.Secure ? "__Host-cognito-mcp-consent" : "cognito-mcp-consent";

    /// <summary>
    /// Whether this browser allowed this client and redirect place, for at least <paramref name="scopes"/> (any scopes
    /// when <see langword="null"/>: the question is then only whether the client is known to the user).
    /// </summary>
    public bool IsRemembered(HttpContext context, string browserBinding, string clientId, string redirectUri, IReadOnlyCollection<string>? scopes)
    {
        var key = RedirectKey(redirectUri);
        var now = time.GetUtcNow();
        return Read(context).Any(c => c.ClientId == clientId && c.RedirectKey == key && c.ExpiresAt > now && c.BrowserBinding == browserBinding
            && (scopes is null || scopes.All(s => c.Scopes.Contains(s, StringComparer.Ordinal))));
    }

    public void Remember(HttpContext context, string clientId, string redirectUri, IReadOnlyCollection<string> scopes, string browserBinding)
    {
        var now = time.GetUtcNow();
        var key = RedirectKey(redirectUri);
        var records = Read(context)
            .Where(c => c.ExpiresAt > now && c.BrowserBinding == browserBinding && !(c.ClientId == clientId && c.RedirectKey == key))
            .OrderByDescending(c => c.ExpiresAt)
            .Take(MaxRemembered - 1)
            .Prepend(new ConsentRecord(clientId, key, [.. scopes], browserBinding, now + settings.Options.ConsentLifetime))
            .ToArray();
        var value = _protector.Protect(JsonSerializer.Serialize(records, BridgeJsonContext.Default.ConsentRecordArray));
        context.Response.Cookies.Append(CookieName, value, BrowserBinding.CookieOptions(settings, now + settings.Options.ConsentLifetime));
    }

    /// <summary>Where a redirect goes, with the port of a loopback http redirect left out (RFC 8252 section 7.3).</summary>
    internal static string RedirectKey(string redirectUri)
    {
        var uri = new Uri(redirectUri);
        return uri.Scheme == Uri.UriSchemeHttp && Cognito.Mcp.Auth.Internal.LoopbackAddress.IsLoopback(uri)
            ? $"{uri.Scheme}://{uri.Host}{uri.PathAndQuery}"
            : redirectUri;
    }

    private ConsentRecord[] Read(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 and < 8192 } value)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(_protector.Unprotect(value), BridgeJsonContext.Default.ConsentRecordArray) ?? [];
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return []; // another key ring, or tampered: ask again
        }
    }
}
