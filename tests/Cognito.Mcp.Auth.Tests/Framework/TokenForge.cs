using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cognito.Mcp.Auth.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>Builds Cognito-shaped tokens and deliberately broken variants of them.</summary>
internal static class TokenForge
{
    public static Dictionary<string, object> AccessClaims(LocalUserPool pool, string clientId, string scope = "my-api/read")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["sub"] = clientId,
            ["token_use"] = "access",
            ["scope"] = scope,
            ["auth_time"] = now,
            ["iss"] = pool.Issuer,
            ["exp"] = now + 3600,
            ["iat"] = now,
            ["version"] = 2,
            ["jti"] = Guid.NewGuid().ToString(),
            ["client_id"] = clientId,
        };
    }

    /// <summary>Signs <paramref name="claims"/> with <paramref name="credentials"/>; the header carries the key's kid unless told otherwise.</summary>
    public static string Sign(IDictionary<string, object> claims, SigningCredentials credentials, IDictionary<string, object>? extraHeader = null)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var payload = JsonSerializer.Serialize(claims);
        return extraHeader is null
            ? handler.CreateToken(payload, credentials)
            : handler.CreateToken(payload, credentials, extraHeader);
    }

    public static string SignWithPoolKey(LocalUserPool pool, IDictionary<string, object> claims, string algorithm = SecurityAlgorithms.RsaSha256) =>
        Sign(claims, new SigningCredentials(pool.AccessTokenSigningKey, algorithm));

    /// <summary>An unsigned token (<c>alg: none</c>) with the given claims.</summary>
    public static string Unsigned(IDictionary<string, object> claims, string? kid) =>
        Base64UrlEncoder.Encode(kid is null ? """{"alg":"none"}""" : $$"""{"alg":"none","kid":"{{kid}}"}""")
        + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims)) + ".";

    /// <summary>A foreign RSA key (not in the pool's JWKS).</summary>
    public static RsaSecurityKey ForeignKey(string? kid)
    {
        var key = new RsaSecurityKey(RSA.Create(2048));
        if (kid is not null)
        {
            key.KeyId = kid;
        }

        return key;
    }

    /// <summary>HS256 with the pool's public key bytes as the HMAC secret: the classic algorithm-confusion attack.</summary>
    public static string HmacWithPublicKey(LocalUserPool pool, IDictionary<string, object> claims)
    {
        var parameters = pool.AccessTokenSigningKey.Rsa?.ExportParameters(false) ?? pool.AccessTokenSigningKey.Parameters;
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Base64UrlEncoder.Encode(parameters.Modulus!))) { KeyId = pool.AccessTokenSigningKey.KeyId };
        return Sign(claims, new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
    }

    /// <summary>
    /// Signs exactly the given header and payload JSON text with the pool's access-token key (RS256), for shapes a
    /// dictionary cannot express: duplicate members, extra header parameters.
    /// </summary>
    public static string SignRaw(LocalUserPool pool, string headerJson, string payloadJson)
    {
        var signingInput = Base64UrlEncoder.Encode(headerJson) + "." + Base64UrlEncoder.Encode(payloadJson);
        var rsa = pool.AccessTokenSigningKey.Rsa ?? RSA.Create(pool.AccessTokenSigningKey.Parameters);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>The JWS header Cognito writes for the pool's access-token key, with optional extra members.</summary>
    public static string Header(LocalUserPool pool, string extraMembers = "") =>
        $$"""{"kid":"{{pool.AccessTokenSigningKey.KeyId}}","alg":"RS256"{{extraMembers}}}""";

    public static string ReplacePayload(string token, IDictionary<string, object> claims)
    {
        var parts = token.Split('.');
        return parts[0] + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims)) + "." + parts[2];
    }
}
