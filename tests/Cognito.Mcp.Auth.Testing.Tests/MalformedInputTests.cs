using System.Net;
using System.Text;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

/// <summary>Malformed input gets Cognito-shaped 400s, never a 500.</summary>
public sealed class MalformedInputTests
{
    public static TheoryData<string> TokenRefusals => new()
    {
        "invalid_client", "invalid_scope", "missing-grant-type", "repeated-parameter", "too-large", "no-content-type", "empty-body",
    };

    [Theory]
    [MemberData(nameof(TokenRefusals))]
    public async Task Token_endpoint_refusals_have_Cognito_error_bodies(string variant)
    {
        await using var t = await TestCognito.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, t.Pool.TokenEndpoint);
        request.Headers.Authorization = TestCognito.Basic(t.M2M.ClientId, variant == "invalid_client" ? "wrong" : t.M2M.ClientSecret);
        request.Content = variant switch
        {
            "invalid_scope" => Form("grant_type=client_credentials&scope=billing-api%2Fadmin"),
            "missing-grant-type" => Form("scope=x"),
            "repeated-parameter" => Form("grant_type=client_credentials&grant_type=client_credentials"),
            "too-large" => Form("grant_type=client_credentials&scope=" + new string('a', 100_000)),
            "no-content-type" => new ByteArrayContent(Encoding.ASCII.GetBytes("grant_type=client_credentials")),
            "empty-body" => Form(""),
            _ => Form("grant_type=client_credentials"),
        };

        var response = await t.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), $"token-{variant}");
    }

    [Fact]
    public async Task Token_endpoint_only_answers_POST()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.Http.GetAsync(t.Pool.TokenEndpoint, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task UserInfo_with_a_malformed_token_is_401_invalid_token(string token)
    {
        await using var t = await TestCognito.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, t.Pool.UserInfoEndpoint);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

        var response = await t.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "userinfo-invalid_token");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic YTpi")]
    [InlineData("Bearer")]
    public async Task UserInfo_without_a_bearer_token_is_400_invalid_request(string? authorization)
    {
        await using var t = await TestCognito.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, t.Pool.UserInfoEndpoint);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await t.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_request\", error_description=\"Bad OAuth2 request at UserInfo Endpoint\"",
            response.Headers.WwwAuthenticate.ToString());
        Snapshots.MatchJson(await response.BodyAsync(), "userinfo-missing-token");
    }

    [Fact]
    public async Task Revoke_with_a_json_body_is_invalid_request()
    {
        await using var t = await TestCognito.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, t.Pool.RevokeEndpoint) { Content = new StringContent("""{"token":"x"}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = TestCognito.Basic(t.Web.ClientId, t.Web.ClientSecret);

        var response = await t.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "revoke-invalid_request");
    }

    [Fact]
    public async Task Login_post_with_a_huge_body_shows_an_error_page_not_a_500()
    {
        await using var t = await TestCognito.StartAsync();
        var url = Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>()).Replace("/oauth2/authorize", "/login", StringComparison.Ordinal);

        var response = await t.Http.PostAsync(url, Form("username=" + new string('a', 100_000)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("response_type=code&response_type=token")]
    [InlineData("client_id=")]
    [InlineData("")]
    public async Task Authorize_with_garbled_query_shows_an_error_page(string query)
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.Http.GetAsync($"{t.Pool.AuthorizeEndpoint}?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Unavailable_jwks_and_discovery_bodies_are_stable()
    {
        await using var t = await TestCognito.StartAsync();
        t.Cognito.Faults.JwksUnavailable = true;

        var response = await t.Http.GetAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken);

        Snapshots.MatchJson(await response.BodyAsync(), "jwks-unavailable");
    }

    private static StringContent Form(string body) => new(body, Encoding.ASCII, "application/x-www-form-urlencoded");
}
