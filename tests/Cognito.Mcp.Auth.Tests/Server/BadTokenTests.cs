using System.Net;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.IdentityModel.Tokens;
using Snapshooter;
using Snapshooter.Xunit3;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>
/// Every way a request can carry a bad token, each answered with an exact status and WWW-Authenticate header
/// (snapshotted per case), never with a 500.
/// </summary>
public sealed class BadTokenTests(ProtectedServerFixture fixture) : IClassFixture<ProtectedServerFixture>
{
    public static TheoryData<string, HttpStatusCode> Cases => new()
    {
        { "no_authorization_header", HttpStatusCode.Unauthorized },
        { "basic_scheme", HttpStatusCode.Unauthorized },
        { "bearer_without_token", HttpStatusCode.Unauthorized },
        { "garbage", HttpStatusCode.Unauthorized },
        { "two_tokens_in_one_header", HttpStatusCode.Unauthorized },
        { "five_part_token", HttpStatusCode.Unauthorized },
        { "alg_none", HttpStatusCode.Unauthorized },
        { "alg_none_without_kid", HttpStatusCode.Unauthorized },
        { "hs256_signed_with_public_key", HttpStatusCode.Unauthorized },
        { "rs384", HttpStatusCode.Unauthorized },
        { "rs512", HttpStatusCode.Unauthorized },
        { "ps256", HttpStatusCode.Unauthorized },
        { "unknown_kid", HttpStatusCode.Unauthorized },
        { "missing_kid", HttpStatusCode.Unauthorized },
        { "known_kid_foreign_key", HttpStatusCode.Unauthorized },
        { "wrong_issuer", HttpStatusCode.Unauthorized },
        { "trailing_slash_issuer", HttpStatusCode.Unauthorized },
        { "real_cognito_issuer", HttpStatusCode.Unauthorized },
        { "missing_issuer", HttpStatusCode.Unauthorized },
        { "expired", HttpStatusCode.Unauthorized },
        { "not_yet_valid", HttpStatusCode.Unauthorized },
        { "missing_exp", HttpStatusCode.Unauthorized },
        { "id_token", HttpStatusCode.Unauthorized },
        { "missing_token_use", HttpStatusCode.Unauthorized },
        { "wrong_client_id", HttpStatusCode.Unauthorized },
        { "missing_client_id", HttpStatusCode.Unauthorized },
        { "foreign_audience", HttpStatusCode.Unauthorized },
        { "tampered_payload", HttpStatusCode.Unauthorized },
        { "truncated_signature", HttpStatusCode.Unauthorized },
        { "signature_removed", HttpStatusCode.Unauthorized },
        { "oversized", HttpStatusCode.Unauthorized },
        { "exp_as_string", HttpStatusCode.Unauthorized },
        { "iat_as_string", HttpStatusCode.Unauthorized },
        { "nbf_as_string", HttpStatusCode.Unauthorized },
        { "missing_iat", HttpStatusCode.Unauthorized },
        { "iss_as_array", HttpStatusCode.Unauthorized },
        { "token_use_as_array", HttpStatusCode.Unauthorized },
        { "client_id_as_array", HttpStatusCode.Unauthorized },
        { "scope_as_array", HttpStatusCode.Unauthorized },
        { "sub_as_number", HttpStatusCode.Unauthorized },
        { "duplicate_client_id", HttpStatusCode.Unauthorized },
        { "crit_header", HttpStatusCode.Unauthorized },
        { "lone_surrogate_in_header", HttpStatusCode.Unauthorized },
        { "token_in_query_string", HttpStatusCode.BadRequest },
        { "missing_scope", HttpStatusCode.Forbidden },
        { "empty_scope", HttpStatusCode.Forbidden },
        { "foreign_scope", HttpStatusCode.Forbidden },
        { "write_only_scope", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_request_is_refused_with_exact_status_and_challenge(string name, HttpStatusCode expectedStatus)
    {
        using var request = Build(name);

        using var response = await fixture.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expectedStatus, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).ToString();
        Snapshot.Match(challenge, SnapshotNameExtension.Create(name));
    }

    [Fact]
    public async Task Valid_token_is_accepted_as_a_control()
    {
        using var request = McpTestServer.McpPost(fixture.ValidToken());

        using var response = await fixture.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_exactly_as_Cognito_writes_it_is_accepted_as_a_control_for_the_raw_cases()
    {
        var payload = System.Text.Json.JsonSerializer.Serialize(TokenForge.AccessClaims(fixture.Pool, fixture.ClientId));
        using var request = McpTestServer.McpPost(TokenForge.SignRaw(fixture.Pool, TokenForge.Header(fixture.Pool), payload));

        using var response = await fixture.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Lowercase_bearer_scheme_is_accepted()
    {
        using var request = McpTestServer.McpPost(bearer: null);
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + fixture.ValidToken());

        using var response = await fixture.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_expired_within_the_clock_skew_is_accepted()
    {
        var claims = TokenForge.AccessClaims(fixture.Pool, fixture.ClientId);
        claims["exp"] = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds();
        using var request = McpTestServer.McpPost(TokenForge.SignWithPoolKey(fixture.Pool, claims));

        using var response = await fixture.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_whose_aud_is_this_resource_is_accepted()
    {
        var claims = TokenForge.AccessClaims(fixture.Pool, fixture.ClientId);
        claims["aud"] = McpTestServer.Resource;
        using var request = McpTestServer.McpPost(TokenForge.SignWithPoolKey(fixture.Pool, claims));

        using var response = await fixture.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Two_authorization_headers_are_an_invalid_request()
    {
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""";
        var head = $"POST /mcp HTTP/1.1\nContent-Type: application/json\nAccept: application/json, text/event-stream\n"
            + $"Authorization: Bearer {fixture.ValidToken()}\nAuthorization: Bearer {fixture.ValidToken()}\n";

        var (status, challenge) = await RawHttp.SendAsync(new Uri(fixture.Server.BaseUrl), head, body, TestContext.Current.CancellationToken);

        Assert.Equal(400, status);
        Snapshot.Match(challenge);
    }

    private HttpRequestMessage Build(string name)
    {
        var pool = fixture.Pool;
        var claims = TokenForge.AccessClaims(pool, fixture.ClientId);
        string Signed() => TokenForge.SignWithPoolKey(pool, claims);
        HttpRequestMessage Bearer(string token) => McpTestServer.McpPost(token);
        HttpRequestMessage Header(string value)
        {
            var request = McpTestServer.McpPost(bearer: null);
            request.Headers.TryAddWithoutValidation("Authorization", value);
            return request;
        }

        switch (name)
        {
            case "no_authorization_header": return McpTestServer.McpPost(bearer: null);
            case "basic_scheme": return Header("Basic dXNlcjpwYXNz");
            case "bearer_without_token": return Header("Bearer");
            case "garbage": return Bearer("not-a-jwt");
            case "two_tokens_in_one_header": return Bearer(Signed() + "," + Signed());
            case "five_part_token": return Bearer("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d");
            case "alg_none": return Bearer(TokenForge.Unsigned(claims, pool.AccessTokenSigningKey.KeyId));
            case "alg_none_without_kid": return Bearer(TokenForge.Unsigned(claims, kid: null));
            case "hs256_signed_with_public_key": return Bearer(TokenForge.HmacWithPublicKey(pool, claims));
            case "rs384": return Bearer(TokenForge.SignWithPoolKey(pool, claims, SecurityAlgorithms.RsaSha384));
            case "rs512": return Bearer(TokenForge.SignWithPoolKey(pool, claims, SecurityAlgorithms.RsaSha512));
            case "ps256": return Bearer(TokenForge.SignWithPoolKey(pool, claims, SecurityAlgorithms.RsaSsaPssSha256));
            case "unknown_kid": return Bearer(TokenForge.Sign(claims, new SigningCredentials(TokenForge.ForeignKey("forged-kid"), SecurityAlgorithms.RsaSha256)));
            case "missing_kid":
                var withoutKid = new RsaSecurityKey(pool.AccessTokenSigningKey.Rsa ?? System.Security.Cryptography.RSA.Create(pool.AccessTokenSigningKey.Parameters));
                return Bearer(TokenForge.Sign(claims, new SigningCredentials(withoutKid, SecurityAlgorithms.RsaSha256)));
            case "known_kid_foreign_key": return Bearer(TokenForge.Sign(claims, new SigningCredentials(TokenForge.ForeignKey(pool.AccessTokenSigningKey.KeyId), SecurityAlgorithms.RsaSha256)));
            case "wrong_issuer": claims["iss"] = pool.Issuer[..pool.Issuer.LastIndexOf('/')] + "/us-east-1_Other0000"; return Bearer(Signed());
            case "trailing_slash_issuer": claims["iss"] = pool.Issuer + "/"; return Bearer(Signed());
            case "real_cognito_issuer": claims["iss"] = $"https://cognito-idp.us-east-1.amazonaws.com/{pool.Id}"; return Bearer(Signed());
            case "missing_issuer": claims.Remove("iss"); return Bearer(Signed());
            case "expired":
                claims["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
                claims["iat"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
                return Bearer(Signed());
            case "not_yet_valid": claims["nbf"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(); return Bearer(Signed());
            case "missing_exp": claims.Remove("exp"); return Bearer(Signed());
            case "id_token":
                claims["token_use"] = "id";
                claims["aud"] = fixture.ClientId;
                claims.Remove("scope");
                return Bearer(Signed());
            case "missing_token_use": claims.Remove("token_use"); return Bearer(Signed());
            case "wrong_client_id": claims["client_id"] = fixture.OtherClientId; claims["sub"] = fixture.OtherClientId; return Bearer(Signed());
            case "missing_client_id": claims.Remove("client_id"); return Bearer(Signed());
            case "foreign_audience": claims["aud"] = "https://other.example.test/mcp"; return Bearer(Signed());
            case "tampered_payload":
                var original = Signed();
                claims["scope"] = "my-api/read my-api/write";
                return Bearer(TokenForge.ReplacePayload(original, claims));
            case "truncated_signature": var token = Signed(); return Bearer(token[..^10]);
            case "signature_removed": var unsignedPart = Signed(); return Bearer(unsignedPart[..(unsignedPart.LastIndexOf('.') + 1)]);
            case "oversized": claims["padding"] = new string('x', 20_000); return Bearer(Signed());
            case "exp_as_string": claims["exp"] = claims["exp"].ToString()!; return Bearer(Signed());
            case "iat_as_string": claims["iat"] = claims["iat"].ToString()!; return Bearer(Signed());
            case "nbf_as_string": claims["nbf"] = claims["iat"].ToString()!; return Bearer(Signed());
            case "missing_iat": claims.Remove("iat"); return Bearer(Signed());
            case "iss_as_array": claims["iss"] = new[] { pool.Issuer }; return Bearer(Signed());
            case "token_use_as_array": claims["token_use"] = new[] { "access" }; return Bearer(Signed());
            case "client_id_as_array": claims["client_id"] = new[] { fixture.ClientId }; return Bearer(Signed());
            case "scope_as_array": claims["scope"] = new[] { "my-api/read" }; return Bearer(Signed());
            case "sub_as_number": claims["sub"] = 12345; return Bearer(Signed());
            case "duplicate_client_id":
                var payload = System.Text.Json.JsonSerializer.Serialize(claims);
                return Bearer(TokenForge.SignRaw(pool, TokenForge.Header(pool), payload[..^1] + ",\"client_id\":\"" + fixture.OtherClientId + "\"}"));
            case "crit_header":
                return Bearer(TokenForge.SignRaw(pool, TokenForge.Header(pool, ",\"crit\":[\"exp\"]"), System.Text.Json.JsonSerializer.Serialize(claims)));
            case "lone_surrogate_in_header":
                return Bearer(TokenForge.SignRaw(pool, TokenForge.Header(pool, ",\"\\udc00\":1"), System.Text.Json.JsonSerializer.Serialize(claims)));
            case "token_in_query_string":
                var query = McpTestServer.McpPost(bearer: null);
                query.RequestUri = new Uri("/mcp?access_token=" + fixture.ValidToken(), UriKind.Relative);
                return query;
            case "missing_scope": claims.Remove("scope"); return Bearer(Signed());
            case "empty_scope": claims["scope"] = ""; return Bearer(Signed());
            case "foreign_scope": claims["scope"] = "other-api/admin"; return Bearer(Signed());
            case "write_only_scope": claims["scope"] = "openid my-api/write"; return Bearer(Signed());
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case.");
        }
    }
}
