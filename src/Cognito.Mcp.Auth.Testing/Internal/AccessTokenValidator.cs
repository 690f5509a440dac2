using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>
/// Validates a bearer token for userInfo the way a resource server must: RS256 signature against the pool's
/// published keys, exact issuer, expiry by the pool's clock, <c>token_use</c> = <c>access</c>, and not revoked.
/// </summary>
internal static class AccessTokenValidator
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static async Task<(JsonWebToken? Token, string? Failure)> ValidateAsync(LocalUserPool pool, string token)
    {
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = pool.Issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKeys = pool.TokenIssuer.Keys.Published,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (null, "Invalid access token");
        }

        if (!jwt.TryGetPayloadValue<long>("exp", out var exp) || exp <= pool.TimeProvider.GetUtcNow().ToUnixTimeSeconds())
        {
            return (null, "Access token is expired");
        }

        if (!jwt.TryGetPayloadValue<string>("token_use", out var use) || use != "access")
        {
            return (null, "Invalid access token");
        }

        if (jwt.TryGetPayloadValue<string>("origin_jti", out var originJti) && pool.Sessions.RevokedOriginJtis.ContainsKey(originJti))
        {
            return (null, "Access token has been revoked");
        }

        return (jwt, null);
    }
}
