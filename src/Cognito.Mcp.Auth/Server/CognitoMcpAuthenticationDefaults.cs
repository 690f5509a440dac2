namespace Cognito.Mcp.Auth;

/// <summary>Names and paths used by <c>AddCognitoMcpAuth()</c>.</summary>
public static class CognitoMcpAuthenticationDefaults
{
    /// <summary>The authentication scheme that challenges and forbids the MCP way and forwards validation to JwtBearer.</summary>
    public const string AuthenticationScheme = "CognitoMcp";

    /// <summary>The JwtBearer scheme that validates Cognito access tokens.</summary>
    public const string BearerScheme = "CognitoMcp.Bearer";

    /// <summary>The authorization policy applied by <c>RequireCognitoMcpAuth()</c>: authenticated and one of the required scopes.</summary>
    public const string PolicyName = "CognitoMcp";

    /// <summary>The configuration section read by default.</summary>
    public const string ConfigurationSection = "Cognito";

    /// <summary>
    /// The name of the <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>
    /// of the resource-server side: <c>Cognito.Mcp.Auth.Server</c> (docs/observability.md lists every instrument).
    /// </summary>
    public const string TelemetryName = "Cognito.Mcp.Auth.Server";

    /// <summary>The RFC 9728 well-known path of the protected resource metadata.</summary>
    public const string ProtectedResourceMetadataPath = "/.well-known/oauth-protected-resource";
}
