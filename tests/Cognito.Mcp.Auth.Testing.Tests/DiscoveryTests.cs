using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Discovery_issuer_is_base_address_slash_pool_id_exactly()
    {
        await using var t = await TestCognito.StartAsync();

        var document = await (await t.Http.GetAsync(t.Pool.DiscoveryEndpoint, TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Equal($"{t.Cognito.BaseAddress}/{t.Pool.Id}", t.Pool.Issuer);
        Assert.Equal(t.Pool.Issuer, (string?)document["issuer"]);
        Assert.Equal(t.Pool.JwksUri.ToString(), (string?)document["jwks_uri"]);
        Assert.Equal(t.Pool.TokenEndpoint.ToString(), (string?)document["token_endpoint"]);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", t.Cognito.BaseAddress);
    }

    [Fact]
    public async Task Discovery_document_has_Cognito_fields_and_no_code_challenge_methods_supported()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.Http.GetAsync(t.Pool.DiscoveryEndpoint, TestContext.Current.CancellationToken);
        var body = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("code_challenge_methods_supported", body, StringComparison.Ordinal);
        Snapshots.MatchJson(Snapshots.ReplaceBase(body, t.Cognito).Replace(t.Pool.Id, "us-east-1_POOLID", StringComparison.Ordinal), "discovery");
    }

    [Fact]
    public async Task Oauth_authorization_server_metadata_is_not_served_like_Cognito()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.Http.GetAsync($"{t.Pool.Issuer}/.well-known/oauth-authorization-server", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Discovery_of_unknown_pool_is_404()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.Http.GetAsync($"{t.Cognito.BaseAddress}/us-east-1_Nope12345/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Discovery_answers_503_while_DiscoveryUnavailable_and_counts_requests()
    {
        await using var t = await TestCognito.StartAsync();
        t.Cognito.Faults.DiscoveryUnavailable = true;

        var failed = await t.Http.GetAsync(t.Pool.DiscoveryEndpoint, TestContext.Current.CancellationToken);
        t.Cognito.Faults.Reset();
        var ok = await t.Http.GetAsync(t.Pool.DiscoveryEndpoint, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, t.Cognito.Requests.Discovery);
    }

    [Fact]
    public async Task Issuer_follows_the_configured_port()
    {
        await using var cognito = await LocalCognito.StartAsync(new LocalCognitoOptions { Port = 0, Host = "127.0.0.1" }, TestContext.Current.CancellationToken);
        var pool = cognito.CreateUserPool("p", "eu-west-1");

        Assert.Matches(@"^eu-west-1_[A-Za-z0-9]{9}$", pool.Id);
        Assert.Equal($"http://127.0.0.1:{cognito.BaseUrl.Port}/{pool.Id}", pool.Issuer);
        Assert.Equal(new Uri(cognito.BaseAddress + "/"), cognito.BaseUrl);
    }
}
