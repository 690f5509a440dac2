using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class AuthorizationCodeTests
{
    [Fact]
    public async Task Code_flow_with_PKCE_returns_id_access_and_refresh_tokens()
    {
        await using var t = await TestCognito.StartAsync();
        var (response, _) = await RedeemAsync(t, t.Web);
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["id_token", "access_token", "refresh_token", "expires_in", "token_type"], body.Select(p => p.Key));
        Snapshots.MatchJson(body.ToJsonString(), "code-token-response", ["id_token", "access_token", "refresh_token"]);
    }

    [Fact]
    public async Task User_access_token_has_Cognito_user_claims_and_no_aud()
    {
        await using var t = await TestCognito.StartAsync();
        var body = await (await RedeemAsync(t, t.Web, scope: "openid email orders-api/read")).Response.JsonAsync();
        var access = (string)body["access_token"]!;
        var payload = Jwt.Payload(access);

        Assert.Equal(
            ["sub", "cognito:groups", "iss", "version", "client_id", "origin_jti", "event_id", "token_use", "scope", "auth_time", "exp", "iat", "jti", "username"],
            payload.Select(p => p.Key));
        Assert.Equal(t.User.Sub, (string?)payload["sub"]);
        Assert.Equal(TestData.Username, (string?)payload["username"]);
        Assert.Equal("openid email orders-api/read", (string?)payload["scope"]);
        Assert.Equal(["admins"], payload["cognito:groups"]!.AsArray().Select(g => (string)g!));
        Assert.Equal(t.Pool.AccessTokenSigningKey.KeyId, (string?)Jwt.Header(access)["kid"]);
    }

    [Fact]
    public async Task Id_token_has_Cognito_claims_nonce_and_at_hash_and_is_signed_with_the_id_key()
    {
        await using var t = await TestCognito.StartAsync();
        var body = await (await RedeemAsync(t, t.Web, nonce: "n-42")).Response.JsonAsync();
        var id = (string)body["id_token"]!;
        var payload = Jwt.Payload(id);
        var access = Jwt.Payload((string)body["access_token"]!);

        Assert.Equal($$"""{"kid":"{{t.Pool.IdTokenSigningKey.KeyId}}","alg":"RS256"}""", Jwt.RawHeader(id));
        Assert.Equal(t.Web.ClientId, (string?)payload["aud"]);
        Assert.Equal("id", (string?)payload["token_use"]);
        Assert.Equal(TestData.Username, (string?)payload["cognito:username"]);
        Assert.Equal("alice@example.com", (string?)payload["email"]);
        Assert.True((bool)payload["email_verified"]!);
        Assert.Equal("n-42", (string?)payload["nonce"]);
        Assert.Equal((string?)access["origin_jti"], (string?)payload["origin_jti"]);
        Assert.Equal((string?)access["event_id"], (string?)payload["event_id"]);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes((string)body["access_token"]!));
        Assert.Equal(Base64UrlEncoder.Encode(hash[..16]), (string?)payload["at_hash"]);
        Assert.Equal(TestData.Now.ToUnixTimeSeconds() + 3600, (long)payload["exp"]!);
    }

    [Theory]
    [InlineData("openid orders-api/write", "openid")]
    [InlineData("openid phone orders-api/read", "openid orders-api/read")]
    [InlineData("orders-api/write", "")]
    public async Task Authorize_ignores_a_known_scope_the_client_may_not_use(string requested, string granted)
    {
        await using var t = await TestCognito.StartAsync();
        var body = await (await RedeemAsync(t, t.Web, scope: requested)).Response.JsonAsync();

        Assert.Equal(granted, (string?)Jwt.Payload((string)body["access_token"]!)["scope"]);
        Assert.Equal(granted.Contains("openid", StringComparison.Ordinal), body.ContainsKey("id_token"));
    }

    [Fact]
    public async Task Resource_parameter_binds_the_user_access_token_audience()
    {
        await using var t = await TestCognito.StartAsync();
        var body = await (await RedeemAsync(t, t.Web, resource: "https://mcp.example.com/")).Response.JsonAsync();

        Assert.Equal("https://mcp.example.com/", (string?)Jwt.Payload((string)body["access_token"]!)["aud"]);
    }

    [Fact]
    public async Task Public_client_redeems_a_code_with_only_client_id_and_verifier()
    {
        await using var t = await TestCognito.StartAsync();
        var (response, _) = await RedeemAsync(t, t.PublicWeb, basic: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_code_verifier_is_invalid_grant()
    {
        await using var t = await TestCognito.StartAsync();
        var (response, _) = await RedeemAsync(t, t.Web, verifierOverride: new string('x', 43));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"invalid_grant"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Missing_code_verifier_when_PKCE_was_used_is_invalid_grant()
    {
        await using var t = await TestCognito.StartAsync();
        var (response, _) = await RedeemAsync(t, t.Web, verifierOverride: "");

        Assert.Equal("""{"error":"invalid_grant"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Code_is_redeemable_only_once()
    {
        await using var t = await TestCognito.StartAsync();
        var (first, form) = await RedeemAsync(t, t.Web);

        var second = await t.PostTokenAsync(form, t.Web);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("""{"error":"invalid_grant"}""", await second.BodyAsync());
    }

    [Fact]
    public async Task Code_expires_after_five_minutes()
    {
        await using var t = await TestCognito.StartAsync();
        var (response, _) = await RedeemAsync(t, t.Web, beforeRedeem: () => t.Time.Advance(TimeSpan.FromMinutes(5)));

        Assert.Equal("""{"error":"invalid_grant"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Redirect_uri_different_from_authorize_is_refused()
    {
        await using var t = await TestCognito.StartAsync();
        var (response, _) = await RedeemAsync(t, t.Web, redirectOverride: "http://localhost:7000/other");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "error-redirect-mismatch");
    }

    [Fact]
    public async Task Client_without_code_flow_cannot_redeem_codes()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.PostTokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "x", ["redirect_uri"] = TestData.Callback },
            t.M2M);

        Assert.Equal("""{"error":"unauthorized_client"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Refresh_token_returns_new_access_and_id_tokens_without_a_new_refresh_token()
    {
        await using var t = await TestCognito.StartAsync();
        var first = await (await RedeemAsync(t, t.Web)).Response.JsonAsync();
        t.Time.Advance(TimeSpan.FromMinutes(30));

        var response = await t.PostTokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = (string)first["refresh_token"]! },
            t.Web);
        var body = await response.JsonAsync();
        var access = Jwt.Payload((string)body["access_token"]!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["id_token", "access_token", "expires_in", "token_type"], body.Select(p => p.Key));
        Assert.Equal((string?)Jwt.Payload((string)first["access_token"]!)["origin_jti"], (string?)access["origin_jti"]);
        Assert.Equal(TestData.Now.AddMinutes(30).ToUnixTimeSeconds(), (long)access["iat"]!);
        Assert.Equal(TestData.Now.ToUnixTimeSeconds(), (long)access["auth_time"]!);
    }

    [Fact]
    public async Task Refresh_token_of_another_client_or_unknown_is_invalid_grant()
    {
        await using var t = await TestCognito.StartAsync();
        var first = await (await RedeemAsync(t, t.Web)).Response.JsonAsync();

        var foreign = await t.PostTokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = (string)first["refresh_token"]!, ["client_id"] = t.PublicWeb.ClientId },
            basic: null);
        var unknown = await t.PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "nope" }, t.Web);

        Assert.Equal("""{"error":"invalid_grant"}""", await foreign.BodyAsync());
        Assert.Equal("""{"error":"invalid_grant"}""", await unknown.BodyAsync());
    }

    internal static async Task<(HttpResponseMessage Response, Dictionary<string, string> Form)> RedeemAsync(
        TestCognito t,
        LocalAppClient client,
        string? scope = null,
        string? nonce = null,
        string? resource = null,
        string? verifierOverride = null,
        string? redirectOverride = null,
        bool basic = true,
        Action? beforeRedeem = null)
    {
        using var browser = new Browser();
        var (verifier, challenge) = Browser.Pkce();
        var url = Browser.AuthorizeUrl(t.Pool, client, new Dictionary<string, string?>
        {
            ["scope"] = scope,
            ["nonce"] = nonce,
            ["resource"] = resource,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        var signedIn = await browser.SignInAsync(url, TestData.Username, TestData.Password);
        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        var parameters = Browser.Parameters(signedIn.Headers.Location!);
        Assert.Equal("st-123", parameters["state"]);
        beforeRedeem?.Invoke();

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = parameters["code"],
            ["redirect_uri"] = redirectOverride ?? client.CallbackUrls[0],
        };
        if ((verifierOverride ?? verifier) is { Length: > 0 } v)
        {
            form["code_verifier"] = v;
        }

        if (!basic)
        {
            form["client_id"] = client.ClientId;
        }

        return (await t.PostTokenAsync(form, basic ? client : null), form);
    }
}
