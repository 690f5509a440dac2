using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class ClientCredentialsTests
{
    [Fact]
    public async Task Client_secret_basic_gets_an_access_token_only()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.ClientCredentialsAsync(t.M2M, TestData.ReadScope);
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=UTF-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(["access_token", "expires_in", "token_type"], body.Select(p => p.Key));
        Assert.Equal(3600, (int)body["expires_in"]!);
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Snapshots.MatchJson(body.ToJsonString(), "token-response", ["access_token"]);
    }

    [Fact]
    public async Task Client_secret_post_gets_an_access_token()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = t.M2M.ClientId,
            ["client_secret"] = t.M2M.ClientSecret!,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Client_credentials_without_scope_grants_all_custom_scopes()
    {
        await using var t = await TestCognito.StartAsync();

        var body = await (await t.ClientCredentialsAsync(t.M2M)).JsonAsync();

        Assert.Equal($"{TestData.ReadScope} {TestData.WriteScope}", (string?)Jwt.Payload((string)body["access_token"]!)["scope"]);
    }

    [Fact]
    public async Task M2M_access_token_has_exactly_Cognito_claims_and_header()
    {
        await using var t = await TestCognito.StartAsync();

        var token = (string)(await (await t.ClientCredentialsAsync(t.M2M, TestData.ReadScope)).JsonAsync())["access_token"]!;
        var payload = Jwt.Payload(token);
        var iat = TestData.Now.ToUnixTimeSeconds();

        Assert.Equal($$"""{"kid":"{{t.Pool.AccessTokenSigningKey.KeyId}}","alg":"RS256"}""", Jwt.RawHeader(token));
        Assert.Equal(["sub", "token_use", "scope", "auth_time", "iss", "exp", "iat", "version", "jti", "client_id"], payload.Select(p => p.Key));
        Assert.Equal(t.M2M.ClientId, (string?)payload["sub"]);
        Assert.Equal(t.M2M.ClientId, (string?)payload["client_id"]);
        Assert.Equal("access", (string?)payload["token_use"]);
        Assert.Equal(TestData.ReadScope, (string?)payload["scope"]);
        Assert.Equal(t.Pool.Issuer, (string?)payload["iss"]);
        Assert.Equal(iat, (long)payload["iat"]!);
        Assert.Equal(iat, (long)payload["auth_time"]!);
        Assert.Equal(iat + 3600, (long)payload["exp"]!);
        Assert.Equal(2, (int)payload["version"]!);
        Assert.True(Guid.TryParse((string?)payload["jti"], out _));
    }

    [Fact]
    public async Task Access_token_lifetime_comes_from_the_client_settings()
    {
        await using var t = await TestCognito.StartAsync();
        var shortLived = t.Pool.AddClient(new LocalAppClientSettings
        {
            Name = "short",
            GenerateSecret = true,
            AllowedOAuthFlows = [LocalOAuthFlows.ClientCredentials],
            AllowedOAuthScopes = [TestData.ReadScope],
            AccessTokenValidity = TimeSpan.FromMinutes(5),
        });

        var body = await (await t.ClientCredentialsAsync(shortLived)).JsonAsync();
        var payload = Jwt.Payload((string)body["access_token"]!);

        Assert.Equal(300, (int)body["expires_in"]!);
        Assert.Equal(300, (long)payload["exp"]! - (long)payload["iat"]!);
    }

    [Fact]
    public async Task Emulator_only_access_token_validity_gives_tokens_shorter_than_Cognito_allows()
    {
        await using var t = await TestCognito.StartAsync();
        var seconds = t.Pool.AddClient(new LocalAppClientSettings
        {
            Name = "soak",
            GenerateSecret = true,
            AllowedOAuthFlows = [LocalOAuthFlows.ClientCredentials],
            AllowedOAuthScopes = [TestData.ReadScope],
            EmulatorOnlyAccessTokenValidity = TimeSpan.FromSeconds(10),
        });

        var body = await (await t.ClientCredentialsAsync(seconds)).JsonAsync();
        var payload = Jwt.Payload((string)body["access_token"]!);

        Assert.Equal(10, (int)body["expires_in"]!);
        Assert.Equal(10, (long)payload["exp"]! - (long)payload["iat"]!);
        Assert.Equal(TimeSpan.FromHours(1), seconds.AccessTokenValidity); // what a real pool would hold, and DescribeUserPoolClient shows
    }

    [Fact]
    public async Task Access_token_validates_against_the_published_jwks_and_issuer()
    {
        await using var t = await TestCognito.StartAsync();
        var token = (string)(await (await t.ClientCredentialsAsync(t.M2M)).JsonAsync())["access_token"]!;
        var jwks = new JsonWebKeySet(await t.Http.GetStringAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = t.Pool.Issuer,
            ValidateAudience = false,
            ValidateLifetime = false, // fake time; lifetimes are asserted elsewhere
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(t.Pool.AccessTokenSigningKey.KeyId, ((JsonWebToken)result.SecurityToken).Kid);
    }

    [Fact]
    public async Task Resource_parameter_is_accepted_and_M2M_tokens_still_have_no_aud()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.PostTokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = "https://api.example.com/mcp" },
            t.M2M);
        var payload = Jwt.Payload((string)(await response.JsonAsync())["access_token"]!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(payload.ContainsKey("aud"));
        Assert.False(payload.ContainsKey("username"));
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("unknown-client")]
    [InlineData("missing-secret")]
    [InlineData("malformed-basic")]
    [InlineData("no-client")]
    public async Task Bad_client_authentication_is_invalid_client(string variant)
    {
        await using var t = await TestCognito.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, t.Pool.TokenEndpoint);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        switch (variant)
        {
            case "wrong-secret": request.Headers.Authorization = TestCognito.Basic(t.M2M.ClientId, "nope"); break;
            case "unknown-client": request.Headers.Authorization = TestCognito.Basic("abcdefghijklmnopqrstuvwxyz", "x"); break;
            case "missing-secret": form["client_id"] = t.M2M.ClientId; break;
            case "malformed-basic": request.Headers.TryAddWithoutValidation("Authorization", "Basic %%%"); break;
        }

        request.Content = new FormUrlEncodedContent(form);
        var response = await t.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"invalid_client"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Client_without_client_credentials_flow_is_unauthorized_client()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.ClientCredentialsAsync(t.Web);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "error-unauthorized_client");
    }

    [Theory]
    [InlineData("billing-api/admin")]
    [InlineData("openid")]
    public async Task Known_scope_the_client_may_not_use_is_invalid_scope_by_default(string scope)
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.ClientCredentialsAsync(t.M2M, $"{TestData.ReadScope} {scope}");

        Assert.Equal(DisallowedScopeBehavior.Refuse, new LocalCognitoOptions().DisallowedClientCredentialsScopes);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"invalid_scope"}""", await response.BodyAsync());
    }

    [Theory]
    [InlineData("billing-api/admin")]
    [InlineData("openid")]
    public async Task Known_scope_the_client_may_not_use_is_dropped_when_the_option_says_Drop(string scope)
    {
        await using var t = await TestCognito.StartAsync(o => o.DisallowedClientCredentialsScopes = DisallowedScopeBehavior.Drop);

        var response = await t.ClientCredentialsAsync(t.M2M, $"{scope} {TestData.ReadScope}");
        var payload = Jwt.Payload((string)(await response.JsonAsync())["access_token"]!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestData.ReadScope, (string?)payload["scope"]);
    }

    [Fact]
    public async Task Dropping_every_requested_scope_is_invalid_scope()
    {
        await using var t = await TestCognito.StartAsync(o => o.DisallowedClientCredentialsScopes = DisallowedScopeBehavior.Drop);

        var response = await t.ClientCredentialsAsync(t.M2M, "billing-api/admin openid");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"invalid_scope"}""", await response.BodyAsync());
    }

    [Theory]
    [InlineData(DisallowedScopeBehavior.Refuse, "orders-api/delete")]
    [InlineData(DisallowedScopeBehavior.Drop, "orders-api/delete")]
    [InlineData(DisallowedScopeBehavior.Drop, "nobody-api/read")]
    public async Task Scope_the_pool_does_not_know_is_invalid_scope_whatever_the_option(DisallowedScopeBehavior behavior, string scope)
    {
        await using var t = await TestCognito.StartAsync(o => o.DisallowedClientCredentialsScopes = behavior);

        var response = await t.ClientCredentialsAsync(t.M2M, $"{TestData.ReadScope} {scope}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"invalid_scope"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Client_without_AllowedOAuthFlowsUserPoolClient_is_invalid_grant()
    {
        await using var t = await TestCognito.StartAsync();
        var disabled = t.Pool.AddClient(new LocalAppClientSettings
        {
            Name = "disabled",
            GenerateSecret = true,
            AllowedOAuthFlows = [LocalOAuthFlows.ClientCredentials],
            AllowedOAuthScopes = [TestData.ReadScope],
            AllowedOAuthFlowsUserPoolClient = false,
        });

        var response = await t.ClientCredentialsAsync(disabled);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "error-invalid_grant");
    }

    [Theory]
    [InlineData("application/json", """{"grant_type":"client_credentials"}""")]
    [InlineData("text/plain", "grant_type=client_credentials")]
    public async Task Body_that_is_not_form_urlencoded_is_invalid_request(string contentType, string content)
    {
        await using var t = await TestCognito.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, t.Pool.TokenEndpoint)
        {
            Content = new StringContent(content, System.Text.Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = TestCognito.Basic(t.M2M.ClientId, t.M2M.ClientSecret);

        var response = await t.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "error-invalid_request-content-type");
    }

    [Fact]
    public async Task Unknown_grant_type_is_unsupported_grant_type()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "password" }, t.M2M);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.BodyAsync(), "error-unsupported_grant_type");
    }

    [Fact]
    public async Task Missing_grant_type_is_invalid_request()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.PostTokenAsync(new Dictionary<string, string> { ["scope"] = TestData.ReadScope }, t.M2M);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"invalid_request"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Token_endpoint_of_unknown_domain_is_404()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await t.Http.PostAsync(
            $"{t.Cognito.BaseAddress}/domain/nobody/oauth2/token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_thousand_concurrent_token_requests_all_succeed_with_distinct_jtis()
    {
        await using var t = await TestCognito.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => t.ClientCredentialsAsync(t.M2M)));
        var jtis = await Task.WhenAll(responses.Select(async r => (string)Jwt.Payload((string)(await r.JsonAsync())["access_token"]!)["jti"]!));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1000, jtis.Distinct().Count());
        Assert.Equal(1000, t.Cognito.Requests.Token);
    }
}
