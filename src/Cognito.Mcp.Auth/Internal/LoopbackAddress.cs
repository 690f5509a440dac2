using System.Net;

namespace Cognito.Mcp.Auth.Internal;

internal static class LoopbackAddress
{
    /// <summary>True for <c>localhost</c> and loopback IP addresses: the only hosts where plain http is tolerated (server and client alike).</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback
        || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
