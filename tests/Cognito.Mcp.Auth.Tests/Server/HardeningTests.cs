using System.Net;
using Cognito.Mcp.Auth.Server.Internal;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>
/// The resource server's promises that an attacker or a careless configuration would test: the validated-token cache,
/// the issuer of fetched keys, the SDK's usual RequireAuthorization(), and allowed clients that change at run time.
/// </summary>
public sealed class HardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> SendAsync(McpTestServer server, string token)
    {
        using var request = McpTestServer.McpPost(token);
        using var response = await server.Http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static ValidatedTokenCache CacheOf(McpTestServer server) =>
        server.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(CognitoMcpAuthenticationDefaults.BearerScheme).TokenHandlers.OfType<ValidatedTokenCache>().Single();

    [Fact]
    public async Task The_validated_token_cache_keeps_only_accepted_tokens_and_a_flood_of_refused_ones_cannot_evict_them()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        var other = ProtectedServerFixture.AddNotAllowedClient(pool);
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        var legitimate = pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);
        var cache = CacheOf(server);

        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, legitimate)); // fetches the keys
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, legitimate)); // remembered
        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            // Validly signed by the pool, refused by the Cognito rules: other clients' tokens, ID tokens, foreign audiences.
            refused.Add(await SendAsync(server, pool.IssueAccessToken(other, ["my-api/read"])));
            refused.Add(await SendAsync(server, pool.IssueIdToken(LocalCognitoDevelopmentPool.WebClientId, LocalCognitoDevelopmentPool.DemoUsername)));
            refused.Add(await SendAsync(server, pool.IssueAccessToken(
                LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"], claims => claims["aud"] = "https://other.example.test/mcp")));
        }

        var hitsBefore = cache.Hits;
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, legitimate));

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(1, cache.Count);
        Assert.Equal(hitsBefore + 1, cache.Hits);
    }

    [Fact]
    public async Task A_remembered_token_is_never_answered_from_memory_after_its_exp()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId), services => services.AddSingleton<TimeProvider>(time));
        var token = pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);
        var cache = CacheOf(server);
        await SendAsync(server, token); // fetches the keys
        await SendAsync(server, token); // remembered
        await SendAsync(server, token); // a hit
        var hitsWhileValid = cache.Hits;

        // The cache's clock passes exp + skew; IdentityModel's own clock (the real one) still finds the token valid, so
        // the request succeeds through full validation, not from memory.
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, token));

        Assert.Equal(1, hitsWhileValid);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public async Task Keys_published_for_another_issuer_never_verify_tokens()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        var otherPool = cognito.CreateUserPool("other-pool");
        var settings = McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId);
        settings["Cognito:MetadataAddress"] = otherPool.DiscoveryEndpoint.AbsoluteUri;
        await using var server = await McpTestServer.StartAsync(settings);

        // A token that claims this pool but carries the other pool's signature: valid only if the other pool's keys are used.
        var token = TokenForge.SignWithPoolKey(otherPool, TokenForge.AccessClaims(pool, LocalCognitoDevelopmentPool.M2MClientId));
        using var request = McpTestServer.McpPost(token);
        using var response = await server.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The signing keys are unavailable", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var error = Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Id == 1004);
        Assert.Contains($"is for the issuer '{otherPool.Issuer}', not the configured '{pool.Issuer}'", error.Exception!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_SDKs_usual_RequireAuthorization_on_MapMcp_stops_the_application_at_start_up()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = McpTestServer.DefaultSettings(cognito.DevelopmentPool!, LocalCognitoDevelopmentPool.M2MClientId);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => McpTestServer.StartAsync(settings, protect: mcp => mcp.RequireAuthorization()));

        Assert.Contains("MCP Streamable HTTP", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Cognito:RequiredScopes would not be checked", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("Write app.MapMcp(...).RequireCognitoMcpAuth() instead of .RequireAuthorization().", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("allow-anonymous", "is marked AllowAnonymous, which switches RequireCognitoMcpAuth() off")]
    [InlineData("authenticated-policy", "only an authenticated user (RequireAuthorization())")]
    public async Task Protection_switched_off_or_reduced_to_authenticated_stops_the_application_at_start_up(string shape, string expected)
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = McpTestServer.DefaultSettings(cognito.DevelopmentPool!, LocalCognitoDevelopmentPool.M2MClientId);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => McpTestServer.StartAsync(settings, protect: mcp =>
        {
            if (shape == "allow-anonymous")
            {
                mcp.RequireCognitoMcpAuth().AllowAnonymous();
            }
            else
            {
                mcp.RequireAuthorization(policy => policy.RequireAuthenticatedUser());
            }
        }));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Cognito_policy_by_name_is_accepted_and_an_unprotected_MCP_endpoint_is_warned_about()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var settings = McpTestServer.DefaultSettings(cognito.DevelopmentPool!, LocalCognitoDevelopmentPool.M2MClientId);

        await using (var byPolicy = await McpTestServer.StartAsync(settings, protect: mcp => mcp.RequireAuthorization(CognitoMcpAuthenticationDefaults.PolicyName)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(byPolicy, cognito.DevelopmentPool!.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/write"])));
        }

        await using var open = await McpTestServer.StartAsync(settings, protect: _ => { });
        Assert.Contains(open.Logs.GetSnapshot(), r => r.Id.Id == 1011);
    }

    [Fact]
    public async Task Allowed_client_ids_follow_configuration_changes_and_an_invalid_change_is_ignored()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        var configuration = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        var web = pool.IssueAccessToken(LocalCognitoDevelopmentPool.WebClientId, ["my-api/read"]);
        var m2m = pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);

        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, m2m));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, m2m)); // now remembered by the validated-token cache
        var before = await SendAsync(server, web);
        configuration["Cognito:AllowedClientIds:1"] = LocalCognitoDevelopmentPool.WebClientId;
        configuration.Reload();
        var added = await SendAsync(server, web);
        configuration["Cognito:AllowedClientIds:0"] = LocalCognitoDevelopmentPool.WebClientId;
        configuration.Reload();
        var m2mRemoved = await SendAsync(server, m2m);
        configuration["Cognito:RequiredScopes:0"] = "openid";
        // The options monitor behind ValidateOnStart throws the validation error at whoever reloads; requests go on.
        Assert.IsType<OptionsValidationException>(Assert.IsType<AggregateException>(Record.Exception(configuration.Reload)).InnerException);
        var afterInvalidChange = await SendAsync(server, web);

        Assert.Equal(HttpStatusCode.Unauthorized, before);
        Assert.Equal(HttpStatusCode.OK, added);
        Assert.Equal(HttpStatusCode.Unauthorized, m2mRemoved); // also a cached token: the rules run on every request
        Assert.Equal(HttpStatusCode.OK, afterInvalidChange);
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 1009);
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 1010 && r.Message.Contains("\"openid\"", StringComparison.Ordinal));
    }
}
