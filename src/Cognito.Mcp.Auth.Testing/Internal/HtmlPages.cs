using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// The managed-login page and the error page. Every dynamic value is HTML-encoded; a strict CSP forbids scripts and
/// framing. The login page sets no <c>form-action</c>: Chromium applies it to every redirect that follows the post, and
/// after a sign-in the chain may go on past the client's redirect URI (an authorization bridge's callback redirects to
/// its own client: another port, or a private-use scheme such as <c>cursor:</c>), which no list here can name. The form's
/// action is the server's own and no script runs, so the directive guarded nothing; the error page keeps <c>'self'</c>.
/// </summary>
internal static class HtmlPages
{
    public static Task LoginAsync(HttpContext context, string formAction, string clientName, string csrf, string? username, string? error, int status = StatusCodes.Status200OK)
    {
        var enc = HtmlEncoder.Default;
        var errorHtml = error is null ? "" : $"<p class=\"error\" role=\"alert\">{enc.Encode(error)}</p>";
        var body = $"""
            <h1>Sign in</h1>
            <p>to {enc.Encode(clientName)} — LocalCognito, for local development only</p>
            {errorHtml}
            <form method="post" action="{enc.Encode(formAction)}">
              <input type="hidden" name="_csrf" value="{enc.Encode(csrf)}">
              <label>Username <input name="username" autocomplete="username" required value="{enc.Encode(username ?? "")}"></label>
              <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
              <button type="submit" name="signInSubmitButton">Sign in</button>
            </form>
            """;
        return WriteAsync(context, "Sign in", body, status, formAction: null);
    }

    public static Task ErrorAsync(HttpContext context, string error, string message, int status = StatusCodes.Status400BadRequest)
    {
        var enc = HtmlEncoder.Default;
        return WriteAsync(context, "An error was encountered", $"<h1>An error was encountered with the requested page.</h1><p class=\"error\">{enc.Encode(error)}: {enc.Encode(message)}</p>", status);
    }

    private static Task WriteAsync(HttpContext context, string title, string body, int status, string? formAction = "'self'")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var formPolicy = formAction is null ? "" : $" form-action {formAction};";
        context.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline';{formPolicy} frame-ancestors 'none'";
        context.Response.Headers.XFrameOptions = "DENY";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{title}</title>
            <style>body{"{"}font-family:sans-serif;max-width:24rem;margin:3rem auto{"}"}label{"{"}display:block;margin:.5rem 0{"}"}.error{"{"}color:#b00{"}"}</style>
            </head><body>
            {body}
            </body></html>
            """;
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
