using CalculatorServer;
using Cognito.Mcp.Auth.Testing;
using Microsoft.AspNetCore.Hosting.Server;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// samples/CalculatorServer, built from the sample's own <see cref="CalculatorApp"/> around one of three kinds of
/// authentication, with settings in memory instead of appsettings.json and .env. The open variant exists only here,
/// chosen in code, never by a setting: no configuration of the sample (or of any app using the library) can switch
/// authentication off. Every variant binds to 127.0.0.1 only, on a free port.
/// </summary>
internal static class CalculatorHost
{
    /// <param name="variant">Open, protected by this library, or protected by hand-written JwtBearer.</param>
    /// <param name="pool">The pool whose tokens the protected variants accept.</param>
    /// <param name="settings">Settings laid over the defaults below (the soak allows its own app clients so).</param>
    /// <param name="server">A server to run on instead of Kestrel (the pipeline benchmark's in-process one).</param>
    public static async Task<WebApplication> StartAsync(
        ServerVariant variant, LocalUserPool pool, IReadOnlyDictionary<string, string?>? settings = null, IServer? server = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = "CalculatorServer" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cognito:UserPoolId"] = pool.Id,
            ["Cognito:Issuer"] = pool.Issuer,
            ["Cognito:AllowedClientIds:0"] = LocalCognitoDevelopmentPool.M2MClientId,
            // The web client: the load run's users sign in through it, so their access tokens carry its client_id.
            ["Cognito:AllowedClientIds:1"] = LocalCognitoDevelopmentPool.WebClientId,
            ["Cognito:ResourceServerIdentifier"] = LocalCognitoDevelopmentPool.ApiIdentifier,
            ["Cognito:RequiredScopes:0"] = LocalCognitoDevelopmentPool.ReadScope,
            ["Cognito:Resource"] = "http://127.0.0.1/mcp",
            ["Cognito:ResourceName"] = "CalculatorApp",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (server is not null)
        {
            builder.Services.AddSingleton(server);
        }

        // The sample logs every tool call at Information; a console logger would then be what is measured.
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);

        if (variant == ServerVariant.Protected)
        {
            builder.Services.AddCognitoMcpAuth();
        }
        else if (variant == ServerVariant.HandWritten)
        {
            builder.Services.AddHandWrittenCognitoJwtBearer(builder.Configuration);
        }
        else
        {
            builder.Services.AddAuthorization(); // the SDK's authorization filters need the authorization services
        }

        builder.Services.AddCalculatorMcpServer();
        builder.Services.AddCalculatorCors(builder.Configuration);

        var app = builder.Build();
        app.UseCors();
        if (variant != ServerVariant.Open)
        {
            app.UseAuthentication();
        }

        app.UseAuthorization();
        var mcp = app.MapCalculator();
        if (variant == ServerVariant.Protected)
        {
            mcp.RequireCognitoMcpAuth();
        }
        else if (variant == ServerVariant.HandWritten)
        {
            mcp.RequireAuthorization();
        }

        await app.StartAsync();
        return app;
    }
}
