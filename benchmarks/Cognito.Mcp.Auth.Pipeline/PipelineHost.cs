using CalculatorServer;
using Cognito.Mcp.Auth.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Cognito.Mcp.Auth.Pipeline;

/// <summary>
/// The calculator server as the load run builds it (benchmarks/Cognito.Mcp.Auth.LoadTest/CalculatorHost.cs: same
/// settings, same middleware, same sample code), open or protected by this library, on a <see cref="CapturingServer"/>
/// instead of Kestrel. <see cref="SendAsync"/> is one <c>tools/call add</c> through the whole pipeline.
/// </summary>
internal sealed class PipelineHost(WebApplication app, CapturingServer server) : IAsyncDisposable
{
    private static readonly byte[] Body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}"""u8.ToArray();

    public static async Task<PipelineHost> StartAsync(bool protect, LocalUserPool pool)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = "CalculatorServer" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cognito:UserPoolId"] = pool.Id,
            ["Cognito:Issuer"] = pool.Issuer,
            ["Cognito:AllowedClientIds:0"] = LocalCognitoDevelopmentPool.M2MClientId,
            ["Cognito:AllowedClientIds:1"] = LocalCognitoDevelopmentPool.WebClientId,
            ["Cognito:ResourceServerIdentifier"] = LocalCognitoDevelopmentPool.ApiIdentifier,
            ["Cognito:RequiredScopes:0"] = LocalCognitoDevelopmentPool.ReadScope,
            ["Cognito:Resource"] = "http://127.0.0.1/mcp",
            ["Cognito:ResourceName"] = "CalculatorApp",
        });
        var server = new CapturingServer();
        builder.Services.AddSingleton<IServer>(server);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        if (protect)
        {
            builder.Services.AddCognitoMcpAuth();
        }
        else
        {
            builder.Services.AddAuthorization();
        }

        builder.Services.AddCalculatorMcpServer();
        builder.Services.AddCalculatorCors(builder.Configuration);
        var app = builder.Build();
        app.UseCors();
        if (protect)
        {
            app.UseAuthentication();
        }

        app.UseAuthorization();
        var mcp = app.MapCalculator();
        if (protect)
        {
            mcp.RequireCognitoMcpAuth();
        }

        await app.StartAsync();
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
