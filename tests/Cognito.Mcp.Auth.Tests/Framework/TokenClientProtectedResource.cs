using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>
/// A resource server on Kestrel 127.0.0.1:0 that answers <c>/mcp</c> with 401 and
/// <c>WWW-Authenticate: Bearer resource_metadata="...", scope="my-api/read"</c>, and serves RFC 9728 metadata naming an
/// authorization server, with <c>scopes_supported</c> read and write.
/// </summary>
public sealed class TokenClientProtectedResource : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TokenClientProtectedResource(WebApplication app) => _app = app;

    public Uri McpUrl { get; private set; } = null!;

    public static async Task<TokenClientProtectedResource> StartAsync(string authorizationServer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var resource = new TokenClientProtectedResource(app);
        app.MapGet("/.well-known/oauth-protected-resource/mcp", () => Results.Json(new Dictionary<string, object>
        {
            ["resource"] = resource.McpUrl.AbsoluteUri,
            ["authorization_servers"] = new[] { authorizationServer },
            ["scopes_supported"] = new[] { "my-api/read", "my-api/write" },
        }));
        app.Map("/mcp", (HttpContext context) =>
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer resource_metadata=\"{new Uri(resource.McpUrl, "/.well-known/oauth-protected-resource/mcp")}\", scope=\"my-api/read\"";
            return Results.StatusCode(401);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        resource.McpUrl = new Uri(new Uri(address), "/mcp");
        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
