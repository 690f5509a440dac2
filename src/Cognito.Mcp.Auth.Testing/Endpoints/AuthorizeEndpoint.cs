using Cognito.Mcp.Auth.Testing.Internal;
using Cognito.Mcp.Auth.Testing.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// <c>GET {domain}/oauth2/authorize</c>: validates the request; with a live session cookie it redirects straight back
/// with a code (or implicit tokens), otherwise to <c>{domain}/login</c> with the same query, like Cognito.
/// </summary>
internal sealed class AuthorizeEndpoint(UserPoolRegistry pools, ILogger logger)
{
    public Task HandleAsync(HttpContext context)
    {
        if (pools.DomainPool(context) is not { } pool)
        {
            return Task.CompletedTask;
        }

        var validation = AuthorizeRequest.Validate(pool, context.Request.Query);
        if (validation.Request is not { } request)
        {
            return RefuseAsync(logger, context, validation);
        }

        if (DomainCookies.SessionUser(context, pool, out var session) is { } user)
        {
            var signIn = new SignInEvent(user, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), session!.AuthTime);
            context.Response.Redirect(request.Complete(pool, signIn));
            return Task.CompletedTask;
        }

        context.Response.Redirect($"{pool.DomainUrl}{CognitoEndpoints.Login.Path}{context.Request.QueryString}");
        return Task.CompletedTask;
    }

    public static Task RefuseAsync(ILogger logger, HttpContext context, AuthorizeValidation validation)
    {
        Log.AuthorizeRefused(logger, validation.Error!, validation.PageMessage ?? "redirected to the client");
        if (validation.RedirectUrl is { } redirect)
        {
            context.Response.Redirect(redirect);
            return Task.CompletedTask;
        }

        return HtmlPages.ErrorAsync(context, validation.Error!, validation.PageMessage!);
    }
}
