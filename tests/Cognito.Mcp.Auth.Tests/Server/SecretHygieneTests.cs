using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Tests.Server;

public sealed class SecretHygieneTests
{
    [Fact]
    public async Task No_token_or_secret_is_ever_logged_even_at_trace_level()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        var client = LocalCognitoDevelopmentPool.M2MClientId;

        var expiredClaims = TokenForge.AccessClaims(pool, client);
        expiredClaims["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        var tokens = new[]
        {
            pool.IssueAccessToken(client, ["my-api/read"]),
            pool.IssueAccessToken(client, ["other-api/admin"]),
            TokenForge.SignWithPoolKey(pool, expiredClaims),
            TokenForge.Sign(TokenForge.AccessClaims(pool, client), new SigningCredentials(TokenForge.ForeignKey("forged"), SecurityAlgorithms.RsaSha256)),
            TokenForge.Unsigned(TokenForge.AccessClaims(pool, client), pool.AccessTokenSigningKey.KeyId),
            "not-a-jwt-but-secret-looking-value",
        };
        foreach (var token in tokens)
        {
            using var response = await server.Http.SendAsync(McpTestServer.McpPost(token), TestContext.Current.CancellationToken);
        }

        AssertNothingSecretLogged(server.Logs.GetSnapshot(), tokens);
    }

    [Fact]
    public async Task Token_sent_in_the_query_string_is_refused_without_being_logged_by_the_library()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        var token = pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);

        using var response = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/mcp?access_token=" + token), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        // ASP.NET Core's hosting log writes every request line, query string included, before any middleware runs: the
        // reason RFC 6750 and MCP forbid query-string tokens. Everything else, the library's own events included, is clean.
        AssertNothingSecretLogged(server.Logs.GetSnapshot().Where(r => r.Category != "Microsoft.AspNetCore.Hosting.Diagnostics").ToList(), [token]);
    }

    private static void AssertNothingSecretLogged(IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord> records, IReadOnlyList<string> tokens)
    {
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            var text = record.Message + " " + record.Exception + " " + string.Join(' ', record.StructuredState?.Select(kv => kv.Value) ?? []);
            foreach (var token in tokens)
            {
                Assert.DoesNotContain(token, text, StringComparison.Ordinal);
                foreach (var part in token.Split('.').Where(p => p.Length > 16))
                {
                    Assert.DoesNotContain(part, text, StringComparison.Ordinal);
                }
            }

            Assert.DoesNotContain(LocalCognitoDevelopmentPool.M2MClientSecret, text, StringComparison.Ordinal);
        }
    }
}
