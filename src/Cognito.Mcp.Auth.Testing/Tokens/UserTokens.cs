using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>What the user grants answer besides the signed tokens: the refresh token and the response body.</summary>
internal static class UserTokens
{
    /// <summary>Creates a refresh token for the sign-in and remembers what it stands for.</summary>
    public static string NewRefreshToken(LocalUserPool pool, LocalAppClient client, SignInEvent signIn, IReadOnlyList<string> scopes, string? resource)
    {
        var token = RandomStrings.Opaque(64);
        var expires = pool.TimeProvider.GetUtcNow() + client.RefreshTokenValidity;
        pool.Sessions.RefreshTokens[token] = new RefreshGrant(client.ClientId, scopes, signIn, resource, expires);
        return token;
    }

    /// <summary>The response body, in Cognito's field order.</summary>
    public static JsonObject Body(LocalAppClient client, string accessToken, string? idToken, string? refreshToken)
    {
        var body = new JsonObject();
        if (idToken is not null)
        {
            body["id_token"] = idToken;
        }

        body["access_token"] = accessToken;
        if (refreshToken is not null)
        {
            body["refresh_token"] = refreshToken;
        }

        body["expires_in"] = (long)client.IssuedAccessTokenLifetime.TotalSeconds;
        body["token_type"] = "Bearer";
        return body;
    }
}
