using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// The two pages a person sees at the bridge: the consent page and the error page. Plain, accessible HTML (labelled
/// landmarks, real buttons, readable at 320 px and at 200 % zoom, light and dark); every value a client chose is
/// HTML-encoded. A strict Content-Security-Policy forbids scripts and framing (clickjacking a consent button).
/// </summary>
internal static class BridgePages
{
    public static Task ConsentAsync(HttpContext context, BridgeSettings settings, ConsentPageModel model)
    {
        var e = HtmlEncoder.Default;
        var body = new StringBuilder();
        var clientName = model.ClientName is { Length: > 0 } name ? name : "An unnamed application";
        body.Append("<h1 id=\"title\">Allow <span class=\"client\">").Append(e.Encode(clientName)).Append("</span> to use ")
            .Append(e.Encode(settings.ResourceName)).Append("?</h1>\n");
        body.Append("<p>This application asks to act on your behalf at ").Append(e.Encode(settings.ResourceName))
            .Append(". You will sign in next; the application never sees your password.</p>\n");
        body.Append("<dl>\n<dt>Application</dt><dd>").Append(e.Encode(clientName)).Append("<br><span class=\"detail\">")
            .Append(e.Encode(model.ClientDescription)).Append("</span></dd>\n");
        body.Append("<dt>Returns you to</dt><dd><strong>").Append(e.Encode(model.RedirectDescription)).Append("</strong></dd>\n");
        body.Append("<dt>Permissions</dt><dd><ul>");
        foreach (var scope in model.Scopes)
        {
            body.Append("<li><code>").Append(e.Encode(scope)).Append("</code></li>");
        }

        body.Append("</ul></dd>\n</dl>\n");
        body.Append("<p class=\"warning\" role=\"note\">Allow only if you started this sign-in yourself, in an application you trust. ")
            .Append("The name above is chosen by the application and is not verified; the place it returns you to is.</p>\n");
        body.Append("<form method=\"post\" action=\"").Append(e.Encode(settings.IssuerPath + CognitoAuthorizationBridgeDefaults.ConsentPath)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"txn\" value=\"").Append(e.Encode(model.TransactionId)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"").Append(e.Encode(model.AntiforgeryField)).Append("\" value=\"").Append(e.Encode(model.AntiforgeryToken)).Append("\">\n")
            .Append("<div class=\"actions\"><button type=\"submit\" name=\"decision\" value=\"allow\" class=\"primary\">Allow</button>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></div>\n</form>\n");
        return WriteAsync(context, settings, StatusCodes.Status200OK, $"Allow {clientName}? · {settings.ResourceName}", body.ToString());
    }

    public static Task ErrorAsync(HttpContext context, BridgeSettings settings, int status, string title, string message)
    {
        var e = HtmlEncoder.Default;
        var body = $"<h1 id=\"title\">{e.Encode(title)}</h1>\n<p>{e.Encode(message)}</p>\n";
        return WriteAsync(context, settings, status, title + " · " + settings.ResourceName, body);
    }

    private static async Task WriteAsync(HttpContext context, BridgeSettings settings, int status, string title, string main)
    {
        var e = HtmlEncoder.Default;
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var branding = settings.Options.ConsentPage;
        var response = context.Response;
        OAuthResults.NoStore(response);
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'nonce-{nonce}'{Origin(branding.StylesheetUrl)}; img-src{Origin(branding.LogoUrl) ?? " 'none'"}; frame-ancestors 'none'; base-uri 'none'";

        var html = new StringBuilder("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">\n")
            .Append("<title>").Append(e.Encode(title)).Append("</title>\n")
            .Append("<style nonce=\"").Append(nonce).Append("\">").Append(Style).Append("</style>\n");
        if (branding.StylesheetUrl is { Length: > 0 } stylesheet)
        {
            html.Append("<link rel=\"stylesheet\" nonce=\"").Append(nonce).Append("\" href=\"").Append(e.Encode(stylesheet)).Append("\">\n");
        }

        html.Append("</head>\n<body>\n<main aria-labelledby=\"title\">\n");
        if (branding.LogoUrl is { Length: > 0 } logo)
        {
            html.Append("<img class=\"logo\" src=\"").Append(e.Encode(logo)).Append("\" alt=\"").Append(e.Encode(settings.ResourceName)).Append("\">\n");
        }

        html.Append(main).Append("</main>\n</body>\n</html>\n");
        await response.WriteAsync(html.ToString());
    }

    /// <summary>The origin of a configured URL, for the page's Content-Security-Policy.</summary>
    private static string? Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : null;

    private const string Style =
        ":root{color-scheme:light dark;--fg:#1b1f24;--bg:#f6f7f9;--card:#fff;--muted:#57606a;--accent:#0b5cad;--accent-fg:#fff;--warn:#7a4b00;--warn-bg:#fff4d6;--border:#d0d7de}" +
        "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--card:#161b22;--muted:#9da7b3;--accent:#4493f8;--accent-fg:#0d1117;--warn:#f2cc60;--warn-bg:#2d2305;--border:#30363d}}" +
        "*{box-sizing:border-box}body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);background:var(--bg)}" +
        "main{max-width:34rem;margin:2rem auto;padding:1.5rem;background:var(--card);border:1px solid var(--border);border-radius:12px}" +
        "@media (max-width:36rem){main{margin:0;border-radius:0;border-width:0 0 1px}}" +
        "h1{font-size:1.4rem;line-height:1.3;margin:0 0 .75rem}.logo{max-height:48px;max-width:100%;margin-bottom:1rem}" +
        "dl{margin:1rem 0}dt{font-weight:600;margin-top:.75rem}dd{margin:0;overflow-wrap:anywhere}ul{margin:.25rem 0;padding-left:1.25rem}" +
        ".detail{color:var(--muted);font-size:.9rem}code{font-size:.95em}" +
        ".warning{background:var(--warn-bg);color:var(--warn);padding:.75rem;border-radius:8px}" +
        ".actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}" +
        "button{font:inherit;min-height:44px;padding:.5rem 1.25rem;border-radius:8px;border:1px solid var(--border);background:var(--card);color:var(--fg);cursor:pointer;flex:1 1 8rem}" +
        "button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-fg);font-weight:600}" +
        "button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}";
}
