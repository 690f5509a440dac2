using System.Security.Cryptography;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>Random identifiers in Cognito's shapes.</summary>
internal static class RandomStrings
{
    private const string LowerAlphanumerics = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A user pool id suffix: 9 letters and digits, as in <c>us-east-1_AbCdEf123</c>.</summary>
    public static string PoolIdSuffix() => RandomNumberGenerator.GetString(Alphanumerics, 9);

    /// <summary>An app client id: 26 lowercase letters and digits.</summary>
    public static string ClientId() => RandomNumberGenerator.GetString(LowerAlphanumerics, 26);

    /// <summary>An app client secret: 51 lowercase letters and digits, about Cognito's length.</summary>
    public static string ClientSecret() => RandomNumberGenerator.GetString(LowerAlphanumerics, 51);

    /// <summary>
    /// A signing key id in Cognito's shape: standard base64 (not base64url) of 32 bytes, 44 characters ending in
    /// <c>=</c>, like <c>Aa7+nWd1+ck2BRLnJuiHupphJ8AdX3E3NarYDQHgstg=</c>. Cognito's kids hold <c>+</c> and <c>/</c>
    /// only by chance; these always hold both, so every test meets the characters that break code treating a kid
    /// as base64url, a path segment or a query value.
    /// </summary>
    public static string KeyId()
    {
        string kid;
        do
        {
            kid = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
        while (!kid.Contains('+', StringComparison.Ordinal) || !kid.Contains('/', StringComparison.Ordinal));

        return kid;
    }

    /// <summary>An opaque, unguessable token (codes, refresh tokens, session and CSRF values).</summary>
    public static string Opaque(int bytes = 32) =>
        Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(bytes));
}
