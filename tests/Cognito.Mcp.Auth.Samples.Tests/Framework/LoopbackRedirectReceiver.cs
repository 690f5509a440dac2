using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// What a desktop MCP client listens on while its user signs in (RFC 8252 §7.3): a loopback http redirect URI, here a
/// Kestrel app on 127.0.0.1 and a free port. Every request to <c>/callback</c> is queued for the test and answered with
/// a small page, as a real client answers its user's browser.
/// </summary>
internal sealed class LoopbackRedirectReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Uri> _arrivals = Channel.CreateUnbounded<Uri>();

    private LoopbackRedirectReceiver(WebApplication app) => _app = app;

    /// <summary>Gets the redirect URI, e.g. <c>http://127.0.0.1:41234/callback</c>.</summary>
    public string RedirectUri { get; private set; } = "";

    public static async Task<LoopbackRedirectReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoopbackRedirectReceiver(app);
        app.MapGet("/callback", async context =>
        {
            receiver._arrivals.Writer.TryWrite(new Uri(context.Request.GetEncodedUrl()));
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!doctype html><title>Signed in</title><h1 id=\"done\">You can close this window.</h1>", context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        receiver.RedirectUri = $"http://127.0.0.1:{address.Port}/callback";
        return receiver;
    }

    /// <summary>Waits for the next request to the redirect URI and returns its full URL.</summary>
    public async Task<Uri> NextAsync(TimeSpan timeout)
    {
        try
        {
            return await _arrivals.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Nothing arrived at {RedirectUri} within {timeout.TotalSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
