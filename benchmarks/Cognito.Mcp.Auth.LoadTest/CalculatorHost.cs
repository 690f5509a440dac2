using CalculatorServer;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// samples/CalculatorServer's Program.cs, minus .env loading, built in one of two variants that differ only in
/// authentication. The open variant exists only here, chosen in code, never by a setting: no configuration of the
/// sample (or of any app using the library) can switch authentication off. Both bind to 127.0.0.1 only, on a free port.
/// </summary>
internal static class CalculatorHost
{
    /// <param name="variant">Open or protected.</param>
    /// <param name="pool">The pool whose tokens the protected variant accepts.</param>
    /// <param name="settings">Settings laid over the defaults below (the soak allows its own app clients so).</param>
    public static async Task<WebApplication> StartAsync(ServerVariant variant, LocalUserPool pool, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = "CalculatorServer" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cognito:UserPoolId"] = pool.Id,
            ["Cognito:Issuer"] = pool.Issuer,
            ["Cognito:AllowedClientIds:0"] = LocalCognitoDevelopmentPool.M2MClientId,
            ["Cognito:ResourceServerIdentifier"] = LocalCognitoDevelopmentPool.ApiIdentifier,
            ["Cognito:RequiredScopes:0"] = LocalCognitoDevelopmentPool.ReadScope,
            ["Cognito:Resource"] = "http://127.0.0.1/mcp",
            ["Cognito:ResourceName"] = "CalculatorApp",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // The sample logs every tool call at Information; a console logger would then be what is measured.
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);

        if (variant == ServerVariant.Protected)
        {
            builder.Services.AddCognitoMcpAuth();
        }
        else
        {
            builder.Services.AddAuthorization();
        }

        builder.Services.AddMcpServer(options =>
            {
                options.ServerInfo = new() { Name = "CalculatorApp", Version = "1.0.0" };
                options.ServerInstructions =
                    "A calculator. Tools: add(a, b), subtract(a, b), multiply(a, b), divide(a, b), power(base, exponent), square_root(number).";
            })
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools([typeof(CalculatorTools)])
            .AddAuthorizationFilters()
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                var logger = context.Services!.GetRequiredService<ILoggerFactory>().CreateLogger("CalculatorServer.ToolCalls");
                logger.LogInformation("Tool {Tool} called by client {ClientId}", context.Params?.Name, context.User?.FindFirst("client_id")?.Value);
                return await next(context, cancellationToken);
            }));
        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins([])
            .WithMethods("GET", "POST", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "Accept", "Mcp-Session-Id", "Mcp-Protocol-Version", "Last-Event-ID")
            .WithExposedHeaders("WWW-Authenticate", "Mcp-Session-Id")));

        var app = builder.Build();
        app.UseCors();
        if (variant == ServerVariant.Protected)
        {
            app.UseAuthentication();
        }

        app.UseAuthorization();
        app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        var mcp = app.MapMcp("/mcp");
        if (variant == ServerVariant.Protected)
        {
            mcp.RequireCognitoMcpAuth();
        }

        await app.StartAsync();
        return app;
    }
}
