namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// The names Cognito uses for an app client's <c>AllowedOAuthFlows</c>.
/// </summary>
public static class LocalOAuthFlows
{
    /// <summary>The authorization code grant (<c>code</c>).</summary>
    public const string Code = "code";

    /// <summary>The implicit grant (<c>implicit</c>).</summary>
    public const string Implicit = "implicit";

    /// <summary>The client credentials (machine-to-machine) grant (<c>client_credentials</c>).</summary>
    public const string ClientCredentials = "client_credentials";
}
