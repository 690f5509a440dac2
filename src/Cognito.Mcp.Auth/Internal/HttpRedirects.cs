namespace Cognito.Mcp.Auth.Internal;

/// <summary>
/// Turns automatic redirects off on a primary handler. Applied through <c>HttpClientFactoryOptions</c> post-configuration,
/// so it also holds for a primary handler the application sets later (a proxy, a certificate): a 307/308 would
/// otherwise post a client secret again to wherever it points, and a 302 would let a fetched URL lead elsewhere.
/// </summary>
internal static class HttpRedirects
{
    public static void Disable(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }
}
