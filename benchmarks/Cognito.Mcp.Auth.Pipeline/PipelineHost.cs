using Cognito.Mcp.Auth.LoadTest;
using Cognito.Mcp.Auth.Testing;
using Microsoft.AspNetCore.Http.Features;

namespace Cognito.Mcp.Auth.Pipeline;

/// <summary>
/// The calculator server built by the load run's own <see cref="CalculatorHost"/> (same settings, middleware and sample
/// code), open or protected by this library, on a <see cref="CapturingServer"/> instead of Kestrel. <see cref="SendAsync"/> is one <c>tools/call add</c> through the whole pipeline.
/// </summary>
internal sealed class PipelineHost(WebApplication app, CapturingServer server) : IAsyncDisposable
{
    private static readonly byte[] Body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}"""u8.ToArray();

    public static async Task<PipelineHost> StartAsync(bool protect, LocalUserPool pool)
    {
        var server = new CapturingServer();
        var app = await CalculatorHost.StartAsync(protect ? ServerVariant.Protected : ServerVariant.Open, pool, server: server);
        return new PipelineHost(app, server);
    }

    /// <summary>One <c>tools/call add(2, 3)</c> with <paramref name="authorization"/>; the status code and the body.</summary>
    public async Task<(int Status, MemoryStream Body)> SendAsync(string authorization)
    {
        var request = new HttpRequestFeature
        {
            Method = "POST",
            Scheme = "http",
            Protocol = "HTTP/1.1",
            Path = "/mcp",
            Body = new MemoryStream(Body, writable: false),
        };
        request.Headers.Host = "127.0.0.1";
        request.Headers.ContentType = "application/json";
        request.Headers.ContentLength = Body.Length;
        request.Headers.Accept = "application/json, text/event-stream";
        request.Headers.Authorization = authorization;
        var response = new HttpResponseFeature();
        var body = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature());
        await server.Process!(features);
        return (response.StatusCode, body);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
