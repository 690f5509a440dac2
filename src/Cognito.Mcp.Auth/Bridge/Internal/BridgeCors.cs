using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Browser-based clients (MCP Inspector, web apps) read the metadata and call the registration, token and revocation
/// endpoints with fetch. Those endpoints take no cookies and no ambient credentials, so any origin may call them;
/// the pages (authorize, consent, callback) are navigations and get no CORS headers.
/// </summary>
internal static class BridgeCors
{
    public static void Allow(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
        response.Headers.AccessControlAllowHeaders = "Content-Type, Accept, MCP-Protocol-Version";
        response.Headers.AccessControlMaxAge = "600";
    }
}
