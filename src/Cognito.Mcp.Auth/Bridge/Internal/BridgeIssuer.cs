namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>The bridge's issuer identifier: the configured one, else the origin of the MCP server's resource URL.</summary>
internal static class BridgeIssuer
{
    public static string? Resolve(string? configured, string? resource)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim().TrimEnd('/');
        }

        return Uri.TryCreate(resource, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}
