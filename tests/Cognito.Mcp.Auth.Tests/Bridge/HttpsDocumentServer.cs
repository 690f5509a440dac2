using System.Net;
using System.Security.Cryptography.X509Certificates;
using Cognito.Mcp.Auth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Tests.Bridge;

/// <summary>
/// A scripted https server on Kestrel 127.0.0.1:0 with a self-signed certificate, standing in for the host of a Client
/// ID Metadata Document. It counts the requests it receives, so a test can tell that nothing was fetched.
/// </summary>
public sealed class HttpsDocumentServer : IAsyncDisposable
{
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(LocalCognitoCertificates.CreateSelfSigned);
    private readonly WebApplication _app;
    private int _requests;

    private HttpsDocumentServer(WebApplication app) => _app = app;

    /// <summary>Gets the certificate every instance serves (valid for 127.0.0.1, ::1 and localhost).</summary>
    public static X509Certificate2 Certificate => SharedCertificate.Value;

    /// <summary>Gets the origin, e.g. <c>https://127.0.0.1:41234</c>.</summary>
    public string Origin { get; private set; } = string.Empty;

    /// <summary>Gets the port.</summary>
    public int Port { get; private set; }

    /// <summary>Gets how many requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public string Url(string path) => Origin + path;

    public static async Task<HttpsDocumentServer> StartAsync(Func<HttpContext, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HttpsDocumentServer(app);
        app.Run(context =>
        {
            Interlocked.Increment(ref server._requests);
            return handle(context);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.Port = address.Port;
        server.Origin = $"https://127.0.0.1:{address.Port}";
        return server;
    }

    /// <summary>Writes <paramref name="json"/> with the given content type and Cache-Control (none when null).</summary>
    public static Task WriteAsync(HttpContext context, string json, string contentType = "application/json", string? cacheControl = null, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        if (cacheControl is not null)
        {
            context.Response.Headers.CacheControl = cacheControl;
        }

        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
