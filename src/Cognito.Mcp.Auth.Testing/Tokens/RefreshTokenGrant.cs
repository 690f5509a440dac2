using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// <c>grant_type=refresh_token</c>: new access and ID tokens for the same sign-in (same <c>origin_jti</c>,
/// <c>event_id</c>, <c>auth_time</c>); no new refresh token, as with rotation off.
/// </summary>
internal static class RefreshTokenGrant
{
    public static TokenResult Handle(LocalUserPool pool, LocalAppClient client, IFormCollection form)
    {
        if (form.Value("refresh_token") is not { } token)
        {
            return TokenResult.Fail("invalid_request", "refresh_token is required.");
        }

        if (!pool.Sessions.RefreshTokens.TryGetValue(token, out var grant)
            || grant.ClientId != client.ClientId
            || grant.ExpiresAt <= pool.TimeProvider.GetUtcNow()
            || pool.Sessions.RevokedOriginJtis.ContainsKey(grant.SignIn.OriginJti))
        {
            return TokenResult.Fail("invalid_grant", "Unknown, expired, revoked or foreign refresh token.");
        }

        var (access, id) = pool.TokenIssuer.UserTokens(client, grant.SignIn, grant.Scopes, nonce: null, grant.Resource);
        return TokenResult.Ok(UserTokens.Body(client, access, id, refreshToken: null));
    }
}
