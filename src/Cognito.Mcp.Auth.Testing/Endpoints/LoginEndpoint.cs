using Cognito.Mcp.Auth.Testing.Internal;
using Cognito.Mcp.Auth.Testing.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// <c>GET/POST {domain}/login</c>: the managed-login page. The authorize query travels in the form's action URL; the
/// post must carry the <c>_csrf</c> value matching the <c>XSRF-TOKEN</c> cookie. A wrong password shows the page
/// again with Cognito's message; success starts the session cookie and redirects back to the client.
/// </summary>
internal sealed class LoginEndpoint(UserPoolRegistry pools, ILogger logger)
{
    private const string WrongCredentials = "Incorrect username or password.";

    public Task ShowAsync(HttpContext context)
    {
        if (pools.DomainPool(context) is not { } pool)
        {
            return Task.CompletedTask;
        }

        var validation = AuthorizeRequest.Validate(pool, context.Request.Query);
        return validation.Request is { } request
            ? ShowPageAsync(context, pool, request, username: null, error: null)
            : AuthorizeEndpoint.RefuseAsync(logger, context, validation);
    }

    public async Task SubmitAsync(HttpContext context)
    {
        if (pools.DomainPool(context) is not { } pool)
        {
            return;
        }

        var validation = AuthorizeRequest.Validate(pool, context.Request.Query);
        if (validation.Request is not { } request)
        {
            await AuthorizeEndpoint.RefuseAsync(logger, context, validation);
            return;
        }

        var read = await FormReader.ReadAsync(context);
        if (read.Form is not { } form)
        {
            await HtmlPages.ErrorAsync(context, "invalid_request", read.Error!);
            return;
        }

        if (!DomainCookies.CsrfMatches(context, form.Value("_csrf")))
        {
            await ShowPageAsync(context, pool, request, null, "Your sign-in page expired or was not opened here. Please try again.", StatusCodes.Status403Forbidden);
            return;
        }

        var username = form.Value("username");
        var user = username is null ? null : pool.FindUser(username);
        if (user is null || !user.PasswordMatches(form.Value("password") ?? ""))
        {
            await ShowPageAsync(context, pool, request, username, WrongCredentials);
            return;
        }

        if (user.Status != "CONFIRMED")
        {
            await ShowPageAsync(context, pool, request, username, "This user must change a temporary password, which LocalCognito does not support: set a permanent one with AdminSetUserPassword --permanent.");
            return;
        }

        var now = pool.TimeProvider.GetUtcNow();
        DomainCookies.StartSession(context, pool, new LoginSession(user, now, now.AddHours(1)));
        Log.SignedIn(logger, user.Username, request.Client.ClientId);
        context.Response.Redirect(request.Complete(pool, new SignInEvent(user, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), now)));
    }

    private static Task ShowPageAsync(HttpContext context, LocalUserPool pool, AuthorizeRequest request, string? username, string? error, int status = StatusCodes.Status200OK)
    {
        var csrf = DomainCookies.IssueCsrf(context, pool);
        var action = $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        return HtmlPages.LoginAsync(context, action, request.Client.Name, csrf, username, error, status);
    }
}
