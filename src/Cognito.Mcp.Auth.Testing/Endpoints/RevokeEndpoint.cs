using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// <c>POST {domain}/oauth2/revoke</c> (RFC 7009): revokes a refresh token and every access token issued from the same
/// sign-in (userInfo refuses them afterwards). As Cognito's page lists: bad client credentials are
/// <c>401 invalid_client</c>, a missing token <c>400 invalid_request</c>, a token that is not a refresh token
/// <c>400 unsupported_token_type</c>, and an unknown one 200. An access or ID token is recognised by its JWS shape
/// (three dot-separated parts whose header and payload are JSON), which refresh tokens never have. Assumed (unsure):
/// another client's refresh token is refused with <c>unauthorized_client</c>.
/// </summary>
internal sealed class RevokeEndpoint(UserPoolRegistry pools)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (pools.DomainPool(context) is not { } pool)
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
            await OAuthResponses.ErrorAsync(context, "invalid_client", status: StatusCodes.Status401Unauthorized);
            return;
        }

        if (form.Value("token") is not { } token)
        {
            await OAuthResponses.ErrorAsync(context, "invalid_request");
            return;
        }

        if (IsJws(token))
        {
            await OAuthResponses.ErrorAsync(context, "unsupported_token_type");
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

    private static bool IsJws(string token)
    {
        if (token.Count(c => c == '.') != 2)
        {
            return false;
        }

        try
        {
            return new JsonWebToken(token).Alg is { Length: > 0 };
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
