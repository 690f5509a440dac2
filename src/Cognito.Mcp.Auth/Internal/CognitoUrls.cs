using System.Globalization;

namespace Cognito.Mcp.Auth.Internal;

/// <summary>
/// The addresses Cognito and OpenID Connect fix, for the server and the token client alike. The well-known paths users
/// may need are public: <see cref="CognitoMcpAuthenticationDefaults.ProtectedResourceMetadataPath"/> (RFC 9728) and
/// <see cref="CognitoAuthorizationBridgeDefaults.MetadataPath"/> (RFC 8414).
/// </summary>
internal static class CognitoUrls
{
    /// <summary>The OpenID Connect discovery path, which Cognito serves below each pool's issuer.</summary>
    public const string OpenIdConfigurationPath = "/.well-known/openid-configuration";

    /// <summary>The issuer of a user pool's tokens, e.g. <c>https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123</c>.</summary>
    public static string Issuer(string region, string userPoolId) =>
        string.Create(CultureInfo.InvariantCulture, $"https://cognito-idp.{region}.amazonaws.com/{userPoolId}");

    /// <summary>The host of a pool's Cognito prefix domain, e.g. <c>my-pool.auth.us-east-1.amazoncognito.com</c>.</summary>
    public static string DomainHost(string prefix, string region) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}.auth.{region}.amazoncognito.com");
}
