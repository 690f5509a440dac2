using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// <c>POST {domain}/oauth2/revoke</c> (RFC 7009): revokes a refresh token and every access token issued from the same
/// sign-in (userInfo refuses them afterwards). An unknown token answers 200, as RFC 7009 requires. Assumed (unsure):
/// another client's refresh token is refused with <c>unauthorized_client</c>.
/// </summary>
internal sealed class RevokeEndpoint(LocalCognito cognito)
{
    public async Task HandleAsync(HttpContext context)
    {
        cognito.Requests.CountRevoke();
        if (cognito.DomainPool(context) is not { } pool)
        {
            return;
        }

        var read = await FormReader.ReadAsync(context);
        if (read.Form is not { } form)
        {
            await OAuthResponses.ErrorAsync(context, "invalid_request", read.Error);
            return;
        }

        var (client, _) = ClientAuthenticator.Authenticate(context, form, pool);
        if (client is null)
        {
            await OAuthResponses.ErrorAsync(context, "invalid_client");
            return;
        }

        if (form.Value("token") is not { } token)
        {
            await OAuthResponses.ErrorAsync(context, "invalid_request");
            return;
        }

        if (pool.Sessions.RefreshTokens.TryGetValue(token, out var grant))
        {
            if (grant.ClientId != client.ClientId)
            {
                await OAuthResponses.ErrorAsync(context, "unauthorized_client");
                return;
            }

            pool.Sessions.RefreshTokens.TryRemove(token, out _);
            pool.Sessions.RevokedOriginJtis.TryAdd(grant.SignIn.OriginJti, 0);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
