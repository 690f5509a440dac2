using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// <c>GET {domain}/logout</c>, in Cognito's two forms. With <c>client_id</c> and <c>logout_uri</c> it ends the
/// managed-login session and redirects to <c>logout_uri</c>, which must be one of the client's sign-out URLs. With
/// <c>redirect_uri</c> and the other parameters of an authorize request (<c>client_id</c>, <c>response_type</c>,
/// <c>scope</c>, <c>state</c>…) it ends the session and sends the user to <c>{domain}/login</c> to sign in again;
/// those parameters are checked like <c>/oauth2/authorize</c> checks them. Any refusal keeps the session. Assumed
/// (unsure): when both <c>logout_uri</c> and <c>redirect_uri</c> are sent, <c>logout_uri</c> wins.
/// </summary>
internal sealed class LogoutEndpoint(UserPoolRegistry pools, ILogger logger)
{
    public Task HandleAsync(HttpContext context)
    {
        if (pools.DomainPool(context) is not { } pool)
        {
            return Task.CompletedTask;
        }

        var query = context.Request.Query;
        if (pool.FindClient(query["client_id"].ToString()) is not { } client)
        {
            return HtmlPages.ErrorAsync(context, "invalid_request", "The client_id is missing or unknown.");
        }

        if (!query.ContainsKey("logout_uri") && query.ContainsKey("redirect_uri"))
        {
            return SignInAgainAsync(context, pool);
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

    private Task SignInAgainAsync(HttpContext context, LocalUserPool pool)
    {
        var validation = AuthorizeRequest.Validate(pool, context.Request.Query);
        if (validation.Request is null)
        {
            return AuthorizeEndpoint.RefuseAsync(logger, context, validation);
        }

        DomainCookies.EndSession(context, pool);
        context.Response.Redirect($"{pool.DomainUrl}{CognitoEndpoints.Login.Path}{context.Request.QueryString}");
        return Task.CompletedTask;
    }
}
