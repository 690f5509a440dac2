using Cognito.Mcp.Auth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// A real ASP.NET Core host with <c>AddCognitoMcpAuth()</c> against a LocalCognito pool, on 127.0.0.1 only, with
/// logging off so that no provider runs on the measured path.
/// </summary>
internal static class BenchmarkHost
{
    public static async Task<WebApplication> StartProtectedAsync(LocalUserPool pool)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = "Cognito.Mcp.Auth.Benchmarks" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cognito:UserPoolId"] = pool.Id,
            ["Cognito:Issuer"] = pool.Issuer,
            ["Cognito:ResourceServerIdentifier"] = LocalCognitoDevelopmentPool.ApiIdentifier,
            ["Cognito:RequiredScopes:0"] = LocalCognitoDevelopmentPool.ReadScope,
            ["Cognito:AllowedClientIds:0"] = LocalCognitoDevelopmentPool.M2MClientId,
            ["Cognito:Resource"] = "http://127.0.0.1:8080/mcp",
            ["Cognito:ResourceName"] = "Benchmark",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddCognitoMcpAuth();
        var app = builder.Build();
        app.UseAuthentication();
        await app.StartAsync();
        return app;
    }

    /// <summary>The development pool's M2M client as the default token client.</summary>
    public static ServiceProvider CreateTokenClientServices(LocalUserPool pool)
    {
        var services = new ServiceCollection();
        services.AddCognitoTokenClient(options =>
        {
            options.TokenEndpoint = pool.TokenEndpoint;
            options.ClientId = LocalCognitoDevelopmentPool.M2MClientId;
            options.ClientSecret = LocalCognitoDevelopmentPool.M2MClientSecret;
            options.Scopes.Add(LocalCognitoDevelopmentPool.ReadScope);
        });
        return services.BuildServiceProvider();
    }
}
