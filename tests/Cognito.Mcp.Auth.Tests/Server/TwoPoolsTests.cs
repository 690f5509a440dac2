using System.Net;
using System.Text.Json;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>One application, two user pools: two endpoints with a pool each, or one endpoint that accepts either.</summary>
public sealed class TwoPoolsTests
{
    private const string Partner = "Partner";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_endpoints_each_accept_only_their_own_pools_tokens_with_their_own_metadata_and_challenges()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var (partnerPool, partnerClient) = CreatePartnerPool(cognito);
        await using var app = await StartAsync(cognito, partnerPool, partnerClient, partnerResource: "https://mcp.example.test/partner/mcp", app =>
        {
            app.MapMcp("/mcp").RequireCognitoMcpAuth();
            app.MapMcp("/partner/mcp").RequireCognitoMcpAuth(Partner);
        });
        var ownToken = cognito.DevelopmentPool!.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);
        var partnerToken = partnerPool.IssueAccessToken(partnerClient, ["partner-api/read"]);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "/mcp", ownToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "/partner/mcp", partnerToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, "/mcp", partnerToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, "/partner/mcp", ownToken));
        Assert.Equal(
            ["Bearer resource_metadata=\"https://mcp.example.test/.well-known/oauth-protected-resource/partner/mcp\", scope=\"partner-api/read\""],
            await ChallengesAsync(app, "/partner/mcp"));
        Assert.Equal([cognito.DevelopmentPool.Issuer], await AuthorizationServersAsync(app, "/.well-known/oauth-protected-resource/mcp"));
        Assert.Equal([partnerPool.Issuer], await AuthorizationServersAsync(app, "/.well-known/oauth-protected-resource/partner/mcp"));
        Assert.Equal([cognito.DevelopmentPool.Issuer], await AuthorizationServersAsync(app, "/.well-known/oauth-protected-resource"));
    }

    [Fact]
    public async Task One_endpoint_accepts_either_pool_with_each_pools_scopes_and_names_both_issuers()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var (partnerPool, partnerClient) = CreatePartnerPool(cognito);
        await using var app = await StartAsync(cognito, partnerPool, partnerClient, partnerResource: McpTestServer.Resource, app =>
            app.MapMcp("/mcp").RequireCognitoMcpAuth(CognitoMcpAuthenticationDefaults.AuthenticationScheme, Partner));
        var ownToken = cognito.DevelopmentPool!.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);
        var partnerToken = partnerPool.IssueAccessToken(partnerClient, ["partner-api/read"]);
        // A partner token with our scope name but not the partner pool's required scope.
        var partnerWithoutScope = partnerPool.IssueAccessToken(partnerClient, ["partner-api/read"], c => c["scope"] = "my-api/read");

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "/mcp", ownToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "/mcp", partnerToken));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(app, "/mcp", partnerWithoutScope));
        Assert.Equal(
            [
                "Bearer resource_metadata=\"https://mcp.example.test/.well-known/oauth-protected-resource/mcp\", scope=\"my-api/read\"",
                "Bearer resource_metadata=\"https://mcp.example.test/.well-known/oauth-protected-resource/mcp\", scope=\"partner-api/read\"",
            ],
            await ChallengesAsync(app, "/mcp"));
        Assert.Equal([cognito.DevelopmentPool.Issuer, partnerPool.Issuer], await AuthorizationServersAsync(app, "/.well-known/oauth-protected-resource/mcp"));
    }

    [Fact]
    public async Task A_pools_policy_is_met_only_by_that_pools_token_even_combined_with_another_pools_on_a_group()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var (partnerPool, partnerClient) = CreatePartnerPool(cognito);
        await using var app = await StartAsync(cognito, partnerPool, partnerClient, partnerResource: McpTestServer.Resource, app =>
            app.MapGroup("/g").RequireCognitoMcpAuth(Partner).MapMcp("/mcp").RequireCognitoMcpAuth());
        var partnerToken = partnerPool.IssueAccessToken(partnerClient, ["partner-api/read"]);

        // Both policies apply; the partner token meets the partner pool's only, so the endpoint is closed to it.
        Assert.NotEqual(HttpStatusCode.OK, await StatusAsync(app, "/g/mcp", partnerToken));
    }

    [Fact]
    public void The_same_scheme_twice_is_refused_with_the_way_to_add_a_second_pool()
    {
        var services = new ServiceCollection();
        services.AddCognitoMcpAuth();

        var failure = Assert.Throws<InvalidOperationException>(() => services.AddCognitoMcpAuth());

        Assert.Contains("AddCognitoMcpAuth(\"PartnerPool\", \"PartnerCognito\", null)", failure.Message, StringComparison.Ordinal);
    }

    private static (LocalUserPool Pool, string ClientId) CreatePartnerPool(LocalCognito cognito)
    {
        var pool = cognito.CreateUserPool("partner").AddDomain("partner");
        pool.AddResourceServer("partner-api", "Partner API", "read");
        var client = pool.AddClient(new LocalAppClientSettings
        {
            Name = "partner-m2m",
            GenerateSecret = true,
            AllowedOAuthFlows = [LocalOAuthFlows.ClientCredentials],
            AllowedOAuthScopes = ["partner-api/read"],
            AllowedOAuthFlowsUserPoolClient = true,
        });
        return (pool, client.ClientId);
    }

    private static async Task<WebApplication> StartAsync(
        LocalCognito cognito, LocalUserPool partnerPool, string partnerClient, string partnerResource, Action<WebApplication> map)
    {
        var settings = McpTestServer.DefaultSettings(cognito.DevelopmentPool!, LocalCognitoDevelopmentPool.M2MClientId);
        settings["PartnerCognito:UserPoolId"] = partnerPool.Id;
        settings["PartnerCognito:Issuer"] = partnerPool.Issuer;
        settings["PartnerCognito:ResourceServerIdentifier"] = "partner-api";
        settings["PartnerCognito:RequiredScopes:0"] = "read";
        settings["PartnerCognito:AllowedClientIds:0"] = partnerClient;
        settings["PartnerCognito:Resource"] = partnerResource;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddCognitoMcpAuth();
        builder.Services.AddCognitoMcpAuth(Partner, "PartnerCognito", configure: null);
        builder.Services.ConfigureAll<CognitoMcpAuthOptions>(o => o.BackchannelHttpHandler ??= TestCognito.BackchannelHandler());
        builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = true).WithTools<TestTools>().AddAuthorizationFilters();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        map(app);
        await app.StartAsync(Ct);
        return app;
    }

    private static HttpClient Http(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.First()) };

    private static async Task<HttpStatusCode> StatusAsync(WebApplication app, string path, string token)
    {
        using var http = Http(app);
        using var request = McpTestServer.McpPost(token);
        request.RequestUri = new Uri(path, UriKind.Relative);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static async Task<string[]> ChallengesAsync(WebApplication app, string path)
    {
        using var http = Http(app);
        using var request = McpTestServer.McpPost(bearer: null);
        request.RequestUri = new Uri(path, UriKind.Relative);
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return [.. response.Headers.GetValues("WWW-Authenticate")];
    }

    private static async Task<string[]> AuthorizationServersAsync(WebApplication app, string path)
    {
        using var http = Http(app);
        using var document = JsonDocument.Parse(await http.GetStringAsync(path, Ct));
        return [.. document.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()!)];
    }
}
