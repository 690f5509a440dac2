using System.Security.Cryptography;
using System.Text;
using Cognito.Mcp.Auth.Testing.Tokens;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// The domain's cookies, scoped to <c>/domain/{prefix}</c>: <c>cognito</c> (the managed-login session, 1 hour) and
/// <c>XSRF-TOKEN</c> (double-submit anti-CSRF value for the login form, as Cognito's hosted UI uses).
/// </summary>
internal static class DomainCookies
{
    public const string Session = "cognito";
    public const string Csrf = "XSRF-TOKEN";

    public static LocalUser? SessionUser(HttpContext context, LocalUserPool pool, out LoginSession? session)
    {
        session = null;
        if (context.Request.Cookies[Session] is { } id && pool.Sessions.Logins.TryGetValue(id, out var found))
        {
            if (found.ExpiresAt > pool.TimeProvider.GetUtcNow() && pool.FindUser(found.User.Username) is { } user && ReferenceEquals(user, found.User))
            {
                session = found;
                return user;
            }

            pool.Sessions.Logins.TryRemove(id, out _);
        }

        return null;
    }

    public static void StartSession(HttpContext context, LocalUserPool pool, LoginSession session)
    {
        var id = RandomStrings.Opaque();
        pool.Sessions.Logins[id] = session;
        context.Response.Cookies.Append(Session, id, Options(context, pool));
    }

    public static void EndSession(HttpContext context, LocalUserPool pool)
    {
        if (context.Request.Cookies[Session] is { } id)
        {
            pool.Sessions.Logins.TryRemove(id, out _);
        }

        context.Response.Cookies.Delete(Session, Options(context, pool));
    }

    public static string IssueCsrf(HttpContext context, LocalUserPool pool)
    {
        var value = RandomStrings.Opaque();
        context.Response.Cookies.Append(Csrf, value, Options(context, pool));
        return value;
    }

    public static bool CsrfMatches(HttpContext context, string? formValue) =>
        context.Request.Cookies[Csrf] is { Length: > 0 } cookie && formValue is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(formValue));

    private static CookieOptions Options(HttpContext context, LocalUserPool pool) => new()
    {
        Path = $"{CognitoEndpoints.DomainPathPrefix}/{pool.DomainPrefix}",
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
    };
}
