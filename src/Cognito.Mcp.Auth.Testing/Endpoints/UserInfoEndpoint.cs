using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;
using Cognito.Mcp.Auth.Testing.Tokens;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// <c>GET|POST {domain}/oauth2/userInfo</c> with <c>Authorization: Bearer {user access token with openid}</c>:
/// <c>sub</c>, the attributes the scopes allow (as strings, like Cognito) and <c>username</c>. Refusals as Cognito's
/// page shows them: no bearer token is <c>400 invalid_request</c> ("Bad OAuth2 request at UserInfo Endpoint"), a bad
/// one <c>401 invalid_token</c>; and (assumed, unsure of Cognito's status) 403 <c>insufficient_scope</c> without
/// <c>openid</c>. The page's samples show <c>WWW-Authenticate</c> without the <c>Bearer</c> scheme; LocalCognito
/// keeps RFC 6750's form (assumed: the samples abbreviate).
/// </summary>
internal sealed class UserInfoEndpoint(UserPoolRegistry pools)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (pools.DomainPool(context) is not { } pool)
        {
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            await RefuseAsync(context, "invalid_request", "Bad OAuth2 request at UserInfo Endpoint", StatusCodes.Status400BadRequest);
            return;
        }

        var (token, failure) = await AccessTokenValidator.ValidateAsync(pool, header[7..].Trim());
        if (token is null)
        {
            await RefuseAsync(context, "invalid_token", failure!, StatusCodes.Status401Unauthorized);
            return;
        }

        var scopes = Scopes.Parse(token.TryGetPayloadValue<string>("scope", out var scope) ? scope : null);
        var user = token.TryGetPayloadValue<string>("username", out var username) ? pool.FindUser(username) : null;
        if (!scopes.Contains("openid") || user is null)
        {
            await RefuseAsync(context, "insufficient_scope", "Access token does not have the openid scope", StatusCodes.Status403Forbidden);
            return;
        }

        var body = new JsonObject { ["sub"] = user.Sub };
        foreach (var (name, value) in UserAttributes.Visible(user, scopes))
        {
            body[name] = value;
        }

        body["username"] = user.Username;
        await OAuthResponses.JsonAsync(context, body);
    }

    private static Task RefuseAsync(HttpContext context, string error, string description, int status)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"{error}\", error_description=\"{description}\"";
        return OAuthResponses.ErrorAsync(context, error, description, status);
    }
}
