namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// The bridge's issuer identifier: the configured one, else the MCP endpoint's parent URL, which is the application's
/// public base when the endpoint is mapped at <c>/mcp</c> (<c>https://example.com/calc/mcp</c> gives
/// <c>https://example.com/calc</c>, where a reverse proxy serves the app and so the bridge's <c>/oauth/</c> endpoints).
/// </summary>
internal static class BridgeIssuer
{
    public static string? Resolve(string? configured, string? resource)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim().TrimEnd('/');
        }

        if (!Uri.TryCreate(resource, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return uri.GetLeftPart(UriPartial.Authority) + path[..Math.Max(0, path.LastIndexOf('/'))];
    }
}
