using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class UserInfoAndRevokeTests
{
    [Fact]
    public async Task UserInfo_returns_sub_email_and_username_for_an_openid_access_token()
    {
        await using var t = await TestCognito.StartAsync();
        var tokens = await (await AuthorizationCodeTests.RedeemAsync(t, t.Web, scope: "openid email")).Response.JsonAsync();

        var response = await UserInfoAsync(t, (string)tokens["access_token"]!);
        var body = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, t.Cognito.Requests.UserInfo);
        Snapshots.MatchJson(body.Replace(t.User.Sub, "<sub>", StringComparison.Ordinal), "userinfo-email-scope");
    }

    [Fact]
    public async Task UserInfo_refuses_an_M2M_token_without_openid()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await UserInfoAsync(t, t.Pool.IssueAccessToken(t.M2M.ClientId, [TestData.ReadScope]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "error-userinfo-insufficient_scope");
    }

    [Fact]
    public async Task UserInfo_refuses_an_id_token()
    {
        await using var t = await TestCognito.StartAsync();
        var tokens = await (await AuthorizationCodeTests.RedeemAsync(t, t.Web)).Response.JsonAsync();

        var response = await UserInfoAsync(t, (string)tokens["id_token"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserInfo_refuses_an_expired_token()
    {
        await using var t = await TestCognito.StartAsync();
        var tokens = await (await AuthorizationCodeTests.RedeemAsync(t, t.Web)).Response.JsonAsync();
        t.Time.Advance(TimeSpan.FromHours(1));

        var response = await UserInfoAsync(t, (string)tokens["access_token"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "error-userinfo-expired");
    }

    [Fact]
    public async Task Revoking_a_refresh_token_invalidates_it_and_its_access_tokens()
    {
        await using var t = await TestCognito.StartAsync();
        var tokens = await (await AuthorizationCodeTests.RedeemAsync(t, t.Web)).Response.JsonAsync();
        var refresh = (string)tokens["refresh_token"]!;

        var revoke = await t.Http.SendAsync(Revoke(t, t.Web, refresh), TestContext.Current.CancellationToken);
        var refreshed = await t.PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh }, t.Web);
        var userInfo = await UserInfoAsync(t, (string)tokens["access_token"]!);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(1, t.Cognito.Requests.Revoke);
        Assert.Equal("""{"error":"invalid_grant"}""", await refreshed.BodyAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, userInfo.StatusCode);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("unknown-client")]
    [InlineData("missing-secret")]
    public async Task Revoke_with_bad_client_credentials_is_401_invalid_client(string variant)
    {
        await using var t = await TestCognito.StartAsync();
        var request = Revoke(t, t.Web, "whatever");
        request.Headers.Authorization = variant switch
        {
            "wrong-secret" => TestCognito.Basic(t.Web.ClientId, "wrong"),
            "unknown-client" => TestCognito.Basic("abcdefghijklmnopqrstuvwxyz", "x"),
            _ => null,
        };

        var response = await t.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "error-revoke-invalid_client");
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("id_token")]
    public async Task Revoking_an_access_or_id_token_is_unsupported_token_type_and_revokes_nothing(string kind)
    {
        await using var t = await TestCognito.StartAsync();
        var tokens = await (await AuthorizationCodeTests.RedeemAsync(t, t.Web)).Response.JsonAsync();

        var revoke = await t.Http.SendAsync(Revoke(t, t.Web, (string)tokens[kind]!), TestContext.Current.CancellationToken);
        var userInfo = await UserInfoAsync(t, (string)tokens["access_token"]!);

        Assert.Equal(HttpStatusCode.BadRequest, revoke.StatusCode);
        Snapshots.MatchJson(await revoke.BodyAsync(), "error-revoke-unsupported_token_type");
        Assert.Equal(HttpStatusCode.OK, userInfo.StatusCode);
    }

    [Theory]
    [InlineData("2YotnFZFEjr1zCsicMWpAA")]
    [InlineData("not.a.jwt")]
    public async Task Revoking_an_unknown_token_answers_200_with_an_empty_body(string token)
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.Http.SendAsync(Revoke(t, t.Web, token), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.BodyAsync());
    }

    private static HttpRequestMessage Revoke(TestCognito t, LocalAppClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, t.Pool.RevokeEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = TestCognito.Basic(client.ClientId, client.ClientSecret);
        return request;
    }

    private static Task<HttpResponseMessage> UserInfoAsync(TestCognito t, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, t.Pool.UserInfoEndpoint);
        request.Headers.Authorization = new("Bearer", token);
        return t.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
