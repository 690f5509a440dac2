namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>The <c>application_type</c> values (OpenID Connect Dynamic Client Registration §2), which the MCP authorization spec uses.</summary>
internal static class ApplicationTypes
{
    /// <summary>An app on the user's device: loopback http, claimed https or private-use scheme redirects (RFC 8252).</summary>
    public const string Native = "native";

    /// <summary>A web application: https redirects only.</summary>
    public const string Web = "web";
}
