using Cognito.Mcp.Auth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>A real MCP server on Kestrel (127.0.0.1, port 0) protected by AddCognitoMcpAuth against a LocalCognito pool.</summary>
internal sealed class McpTestServer : IAsyncDisposable
{
    public const string Resource = "https://mcp.example.test/mcp";

    private readonly WebApplication _app;

    private McpTestServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }

    public Uri McpEndpoint => new(BaseUrl + "/mcp");

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public FakeLogCollector Logs => _app.Services.GetRequiredService<FakeLogCollector>();

    /// <summary>The settings a typical user writes for the pool, as configuration keys.</summary>
    public static Dictionary<string, string?> DefaultSettings(LocalUserPool pool, params string[] allowedClientIds)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cognito:UserPoolId"] = pool.Id,
            ["Cognito:Issuer"] = pool.Issuer,
            ["Cognito:ResourceServerIdentifier"] = "my-api",
            ["Cognito:RequiredScopes:0"] = "my-api/read",
            ["Cognito:Resource"] = Resource,
            ["Cognito:ResourceName"] = "Test MCP server",
        };
        for (var i = 0; i < allowedClientIds.Length; i++)
        {
            settings[$"Cognito:AllowedClientIds:{i}"] = allowedClientIds[i];
        }

        return settings;
    }

    public static async Task<McpTestServer> StartAsync(
        IDictionary<string, string?> settings,
        Action<IServiceCollection>? configureServices = null,
        string environment = "Development",
        Action<IEndpointConventionBuilder>? protect = null,
        Action<IServiceCollection>? beforeCognito = null,
        Action<WebApplication>? configureApp = null,
        string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ApplicationName = "Cognito.Mcp.Auth.Tests" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddFakeLogging();

        beforeCognito?.Invoke(builder.Services);
        builder.Services.AddCognitoMcpAuth();
        builder.Services.ConfigureAll<CognitoMcpAuthOptions>(o => o.BackchannelHttpHandler ??= TestCognito.BackchannelHandler());
        builder.Services.AddMcpServer()
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools<TestTools>()
            .AddAuthorizationFilters();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health", () => "ok");
        configureApp?.Invoke(app);
        var mcp = app.MapMcp("/mcp");
        if (protect is null)
        {
            mcp.RequireCognitoMcpAuth();
        }
        else
        {
            protect(mcp);
        }


        await app.StartAsync(TestContext.Current.CancellationToken);
        return new McpTestServer(app, app.Urls.First());
    }

    /// <summary>A raw MCP tools/call (or other) POST, as any Streamable HTTP client sends it.</summary>
    public static HttpRequestMessage McpPost(string? bearer, string method = "tools/list", string? toolName = null)
    {
        var parameters = toolName is null ? "{}" : "{\"name\":\"" + toolName + "\",\"arguments\":{\"message\":\"hi\"}}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + parameters + "}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
