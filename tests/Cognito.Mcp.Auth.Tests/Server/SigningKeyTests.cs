using System.Net;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>JWKS caching, bounded refresh on unknown key ids, and outages — counted at LocalCognito over real HTTP.</summary>
public sealed class SigningKeyTests
{
    private static async Task<HttpStatusCode> SendAsync(McpTestServer server, string token)
    {
        using var response = await server.Http.SendAsync(McpTestServer.McpPost(token), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static string Token(LocalUserPool pool) => pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);

    [Fact]
    public async Task Flood_of_forged_key_ids_costs_at_most_one_jwks_download()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
        cognito.Requests.Reset();

        var forged = Enumerable.Range(0, 100).Select(i => TokenForge.Sign(
            TokenForge.AccessClaims(pool, LocalCognitoDevelopmentPool.M2MClientId),
            new SigningCredentials(TokenForge.ForeignKey($"forged-{i}"), SecurityAlgorithms.RsaSha256)));
        var statuses = await Task.WhenAll(forged.Select(token => SendAsync(server, token)));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.InRange(cognito.Requests.Jwks, 0, 1);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
    }

    [Fact]
    public async Task Jwks_outage_after_warm_up_keeps_valid_tokens_working()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));

        cognito.Faults.JwksUnavailable = true;
        cognito.Faults.DiscoveryUnavailable = true;

        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
    }

    [Fact]
    public async Task Jwks_down_at_cold_start_answers_401_and_logs_why()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        cognito.Faults.JwksUnavailable = true;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));

        using var response = await server.Http.SendAsync(McpTestServer.McpPost(Token(pool)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_token\", error_description=\"The signing keys are unavailable; try again later\", resource_metadata=\"https://mcp.example.test/.well-known/oauth-protected-resource/mcp\", scope=\"my-api/read\"",
            Assert.Single(response.Headers.WwwAuthenticate).ToString());
        var logged = Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Name == "SigningKeysUnavailable");
        Assert.Contains(pool.Issuer, logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_down_at_cold_start_recovers_once_the_endpoint_is_back()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        cognito.Faults.JwksUnavailable = true;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId),
            services => services.AddSingleton<TimeProvider>(time));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server, Token(pool)));

        // Within the back-off, requests fail fast without another download.
        var before = cognito.Requests.Jwks;
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server, Token(pool)));
        Assert.Equal(before, cognito.Requests.Jwks);

        cognito.Faults.JwksUnavailable = false;
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
    }

    [Fact]
    public async Task Another_unknown_key_refresh_is_allowed_after_the_interval()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId),
            services => services.AddSingleton<TimeProvider>(time));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
        pool.RotateSigningKeys();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
        cognito.Requests.Reset();

        pool.RotateSigningKeys();
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server, Token(pool)));
        Assert.Equal(0, cognito.Requests.Jwks);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
        Assert.Equal(1, cognito.Requests.Jwks);
    }

    [Fact]
    public async Task Rotated_signing_keys_are_picked_up_with_one_refresh()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
        cognito.Requests.Reset();

        pool.RotateSigningKeys();

        // The first token signed with the new key is accepted in the same request that triggered the refresh.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
        Assert.Equal(1, cognito.Requests.Jwks);
    }

    [Fact]
    public async Task Concurrent_first_tokens_of_a_rotated_key_are_all_accepted_with_one_refresh()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));
        cognito.Requests.Reset();

        pool.RotateSigningKeys();

        // Many clients present their first token of the new key at once: those arriving while the refresh that the
        // first one started is in flight must wait for it, not be refused with the keys of before.
        var tokens = Enumerable.Range(0, 32).Select(_ => Token(pool)).ToList();
        var statuses = await Task.WhenAll(tokens.Select(token => Task.Run(() => SendAsync(server, token))));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, cognito.Requests.Jwks);
    }

    [Fact]
    public async Task Remembered_token_is_forgotten_when_its_signing_key_leaves_the_jwks()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        var remembered = Token(pool);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, remembered));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, remembered));

        pool.RotateSigningKeys(keepPreviousKeysInJwks: false);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, Token(pool)));

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server, remembered));
    }

    [Fact]
    public async Task Remembered_token_still_passes_every_cognito_check_on_each_request()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        // Valid signature and lifetime, but the client is not allowed: refused every time, never remembered as good.
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.WebClientId));
        var token = Token(pool);

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server, token));
    }
}
