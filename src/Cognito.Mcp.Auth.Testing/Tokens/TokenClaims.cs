namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// The claims of Cognito's tokens, in Cognito's order. Lifetimes come from the app client's settings.
/// </summary>
internal static class TokenClaims
{
    /// <summary>A machine-to-machine access token: no <c>aud</c>, no <c>username</c>.</summary>
    public static Dictionary<string, object> ClientCredentials(string issuer, string clientId, IEnumerable<string> scopes, DateTimeOffset now, TimeSpan lifetime)
    {
        var iat = now.ToUnixTimeSeconds();
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = clientId,
            ["token_use"] = "access",
            ["scope"] = string.Join(' ', scopes),
            ["auth_time"] = iat,
            ["iss"] = issuer,
            ["exp"] = iat + (long)lifetime.TotalSeconds,
            ["iat"] = iat,
            ["version"] = 2,
            ["jti"] = Guid.NewGuid().ToString(),
            ["client_id"] = clientId,
        };
    }

    /// <summary>A user's access token; <c>aud</c> only with resource binding (RFC 8707).</summary>
    public static Dictionary<string, object> UserAccess(string issuer, LocalAppClient client, SignInEvent signIn, IEnumerable<string> scopes, string? resource, DateTimeOffset now)
    {
        var iat = now.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = signIn.User.Sub };
        if (signIn.User.Groups.Count > 0)
        {
            claims["cognito:groups"] = signIn.User.Groups.ToArray();
        }

        claims["iss"] = issuer;
        claims["version"] = 2;
        claims["client_id"] = client.ClientId;
        claims["origin_jti"] = signIn.OriginJti;
        if (resource is not null)
        {
            claims["aud"] = resource;
        }

        claims["event_id"] = signIn.EventId;
        claims["token_use"] = "access";
        claims["scope"] = string.Join(' ', scopes);
        claims["auth_time"] = signIn.AuthTime.ToUnixTimeSeconds();
        claims["exp"] = iat + (long)client.IssuedAccessTokenLifetime.TotalSeconds;
        claims["iat"] = iat;
        claims["jti"] = Guid.NewGuid().ToString();
        claims["username"] = signIn.User.Username;
        return claims;
    }

    /// <summary>An ID token: every attribute of the user, since Cognito's ID token carries all readable attributes.</summary>
    public static Dictionary<string, object> Id(string issuer, LocalAppClient client, SignInEvent signIn, string? nonce, string accessToken, DateTimeOffset now)
    {
        var iat = now.ToUnixTimeSeconds();
        var user = signIn.User;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["at_hash"] = JwsWriter.AtHash(accessToken),
            ["sub"] = user.Sub,
        };
        if (user.Groups.Count > 0)
        {
            claims["cognito:groups"] = user.Groups.ToArray();
        }

        if (user.Attributes.TryGetValue("email_verified", out var emailVerified))
        {
            claims["email_verified"] = string.Equals(emailVerified, "true", StringComparison.OrdinalIgnoreCase);
        }

        claims["iss"] = issuer;
        claims["cognito:username"] = user.Username;
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        claims["origin_jti"] = signIn.OriginJti;
        claims["aud"] = client.ClientId;
        claims["event_id"] = signIn.EventId;
        claims["token_use"] = "id";
        claims["auth_time"] = signIn.AuthTime.ToUnixTimeSeconds();
        foreach (var (name, value) in UserAttributes.Visible(user, ["openid"]).Where(a => a.Key is not ("email" or "email_verified" or "sub")))
        {
            claims[name] = name.EndsWith("_verified", StringComparison.Ordinal)
                ? string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)
                : value;
        }

        claims["exp"] = iat + (long)client.IdTokenValidity.TotalSeconds;
        claims["iat"] = iat;
        claims["jti"] = Guid.NewGuid().ToString();
        if (user.Attributes.TryGetValue("email", out var email))
        {
            claims["email"] = email;
        }

        return claims;
    }
}
