using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Hardens the primary handler of the <see cref="ClientMetadataDocumentFetcher.HttpClientName"/> client after every
/// other configuration, <c>ConfigureHttpClientDefaults</c> and <c>ConfigurePrimaryHttpMessageHandler</c> included (a
/// post-configure action runs last). Whatever handler the application configured, the client then connects only
/// through <see cref="GuardedConnection"/>, follows no redirect and uses no proxy; everything else, such as
/// <see cref="SocketsHttpHandler.SslOptions"/> that trust a test certificate, is kept.
/// </summary>
/// <remarks>
/// No proxy: a proxy resolves and connects to the target itself, so the connect callback would check the proxy's
/// address, not the document host's, and a proxy inside the network would reach the addresses that are refused.
/// The fetch therefore ignores <c>HTTPS_PROXY</c> and the system proxy; a deployment whose egress must go through a
/// proxy cannot use metadata documents (clients fall back to dynamic registration).
/// </remarks>
internal sealed class ClientMetadataHttpClientGuard(IHostEnvironment environment, ILoggerFactory loggerFactory)
    : IPostConfigureOptions<HttpClientFactoryOptions>
{
    public void PostConfigure(string? name, HttpClientFactoryOptions options)
    {
        if (name != ClientMetadataDocumentFetcher.HttpClientName)
        {
            return;
        }

        var allowLoopback = environment.IsDevelopment();
        options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = Harden(builder.PrimaryHandler, allowLoopback));
    }

    private SocketsHttpHandler Harden(HttpMessageHandler primary, bool allowLoopback)
    {
        if (primary is not SocketsHttpHandler handler)
        {
            // The factory's default primary handler is a plain HttpClientHandler, which has nothing worth keeping; any
            // other handler cannot check addresses, and is replaced with a warning.
            if (primary is not HttpClientHandler { ServerCertificateCustomValidationCallback: null, ClientCertificates.Count: 0 })
            {
                BridgeLog.PrimaryHandlerReplaced(loggerFactory.CreateLogger(BridgeFlowLog.Category), ClientMetadataDocumentFetcher.HttpClientName, primary.GetType().Name);
            }

            primary.Dispose();
            handler = new SocketsHttpHandler();
        }

        handler.ConnectCallback = GuardedConnection.Create(allowLoopback);
        handler.AllowAutoRedirect = false;
        handler.UseProxy = false;
        handler.Proxy = null;
        handler.UseCookies = false;
        handler.Credentials = null;
        handler.PreAuthenticate = false;
        handler.MaxResponseHeadersLength = 16; // KiB
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
        return handler;
    }
}
