using Cognito.Mcp.Auth.Testing.Tests.Framework;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class IssueAccessTokenTests
{
    [Fact]
    public async Task IssueAccessToken_signs_like_the_token_endpoint()
    {
        await using var t = await TestCognito.StartAsync();

        var issued = t.Pool.IssueAccessToken(t.M2M.ClientId, [TestData.ReadScope]);
        var served = (string)(await (await t.ClientCredentialsAsync(t.M2M, TestData.ReadScope)).JsonAsync())["access_token"]!;

        Assert.Equal(Jwt.Header(served).ToJsonString(), Jwt.Header(issued).ToJsonString());
        Assert.Equal(Jwt.ClaimNames(served), Jwt.ClaimNames(issued));
        Assert.Equal((string?)Jwt.Payload(served)["scope"], (string?)Jwt.Payload(issued)["scope"]);
    }

    [Fact]
    public async Task IssueAccessToken_lets_tests_edit_claims_before_signing()
    {
        await using var t = await TestCognito.StartAsync();

        var token = t.Pool.IssueAccessToken("someclient", ["x/y"], claims =>
        {
            claims["token_use"] = "id";
            claims.Remove("client_id");
            claims["aud"] = "someone";
            claims["exp"] = TestData.Now.AddHours(-1).ToUnixTimeSeconds();
        });
        var payload = Jwt.Payload(token);

        Assert.Equal("id", (string?)payload["token_use"]);
        Assert.False(payload.ContainsKey("client_id"));
        Assert.Equal("someone", (string?)payload["aud"]);
        Assert.Equal(TestData.Now.AddHours(-1).ToUnixTimeSeconds(), (long)payload["exp"]!);
    }

    [Fact]
    public async Task Edited_claims_may_hold_any_JSON_and_a_value_that_cannot_be_written_is_named()
    {
        await using var t = await TestCognito.StartAsync();

        var token = t.Pool.IssueAccessToken("someclient", ["x/y"], claims =>
        {
            claims["address"] = new System.Text.Json.Nodes.JsonObject { ["country"] = "NZ" };
            claims["groups"] = new List<string> { "admins", "staff+ops" };
            claims["ratio"] = 0.5;
            claims["verified"] = true;
        });
        var error = Assert.Throws<ArgumentException>(() => t.Pool.IssueAccessToken("someclient", ["x/y"], claims => claims["when"] = DateTimeOffset.UnixEpoch));

        // Added claims come last, in the order added, written as Cognito writes JSON ('+' as is).
        Assert.EndsWith(
            ""","address":{"country":"NZ"},"groups":["admins","staff+ops"],"ratio":0.5,"verified":true}""",
            Base64UrlEncoder.Decode(token.Split('.')[1]),
            StringComparison.Ordinal);
        Assert.StartsWith("The claim 'when' holds a System.DateTimeOffset, which LocalCognito cannot write into a token.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_keys_are_private_keys_with_key_ids_for_forging_variants()
    {
        await using var t = await TestCognito.StartAsync();

        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = t.Pool.Issuer,
            SigningCredentials = new SigningCredentials(t.Pool.IdTokenSigningKey, SecurityAlgorithms.RsaSha256),
        });

        Assert.Equal(t.Pool.IdTokenSigningKey.KeyId, (string?)Jwt.Header(forged)["kid"]);
        // Why LocalCognito assembles its JWS itself: the handler always writes "typ", which Cognito never sends.
        Assert.Equal("JWT", (string?)Jwt.Header(forged)["typ"]);
        Assert.NotNull(t.Pool.AccessTokenSigningKey.Rsa);
    }

    [Fact]
    public async Task IssueUserAccessToken_and_IssueIdToken_match_the_code_flow_shapes()
    {
        await using var t = await TestCognito.StartAsync();
        var served = await (await AuthorizationCodeTests.RedeemAsync(t, t.Web, scope: "openid email")).Response.JsonAsync();

        var access = t.Pool.IssueUserAccessToken(t.Web.ClientId, TestData.Username, ["openid", "email"]);
        var id = t.Pool.IssueIdToken(t.Web.ClientId, TestData.Username);

        Assert.Equal(Jwt.ClaimNames((string)served["access_token"]!), Jwt.ClaimNames(access));
        Assert.Equal(Jwt.ClaimNames((string)served["id_token"]!), Jwt.ClaimNames(id));
        Assert.Equal(t.Pool.IdTokenSigningKey.KeyId, (string?)Jwt.Header(id)["kid"]);
        Assert.Equal("id", (string?)Jwt.Payload(id)["token_use"]);
    }
}
