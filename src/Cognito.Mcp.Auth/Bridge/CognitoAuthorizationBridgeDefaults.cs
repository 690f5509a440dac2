namespace Cognito.Mcp.Auth;

/// <summary>Names and paths of the authorization bridge (<c>AddCognitoAuthorizationBridge()</c>).</summary>
public static class CognitoAuthorizationBridgeDefaults
{
    /// <summary>The configuration section read by default: <c>Cognito:AuthorizationBridge</c>.</summary>
    public const string ConfigurationSection = "Cognito:AuthorizationBridge";

    /// <summary>The RFC 8414 well-known path; the issuer's path, if any, is appended (RFC 8414 section 3.1).</summary>
    public const string MetadataPath = "/.well-known/oauth-authorization-server";

    /// <summary>The authorization endpoint, relative to the issuer.</summary>
    public const string AuthorizePath = "/oauth/authorize";

    /// <summary>The consent form's target, relative to the issuer.</summary>
    public const string ConsentPath = "/oauth/consent";

    /// <summary>Where Cognito's managed login returns; register <c>{issuer}/oauth/callback</c> on the bridge's app client.</summary>
    public const string CallbackPath = "/oauth/callback";

    /// <summary>The token endpoint, relative to the issuer.</summary>
    public const string TokenPath = "/oauth/token";

    /// <summary>The RFC 7591 registration endpoint, relative to the issuer.</summary>
    public const string RegistrationPath = "/oauth/register";

    /// <summary>The RFC 7009 revocation endpoint, relative to the issuer.</summary>
    public const string RevocationPath = "/oauth/revoke";
}
