using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// <c>GET {domain}/logout?client_id=…&amp;logout_uri=…</c>: ends the managed-login session and redirects to
/// <c>logout_uri</c>, which must be one of the client's registered sign-out URLs (otherwise an error page, and the
/// session is kept).
/// </summary>
internal sealed class LogoutEndpoint(LocalCognito cognito)
{
    public Task HandleAsync(HttpContext context)
    {
        cognito.Requests.CountLogout();
        if (cognito.DomainPool(context) is not { } pool)
        {
            return Task.CompletedTask;
        }

        var query = context.Request.Query;
        if (pool.FindClient(query["client_id"].ToString()) is not { } client)
        {
            return HtmlPages.ErrorAsync(context, "invalid_request", "The client_id is missing or unknown.");
        }

        var logoutUri = query["logout_uri"].ToString();
        if (!client.LogoutUrls.Contains(logoutUri, StringComparer.Ordinal))
        {
            return HtmlPages.ErrorAsync(context, "invalid_request", "The logout_uri is missing or is not a sign-out URL registered for this client.");
        }

        DomainCookies.EndSession(context, pool);
        context.Response.Redirect(logoutUri);
        return Task.CompletedTask;
    }
}
