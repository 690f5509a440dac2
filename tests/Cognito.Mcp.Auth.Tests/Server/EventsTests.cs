using System.Net;
using System.Security.Claims;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>The public events: the application's own check, enrichment, its own challenge and 403 responses.</summary>
public sealed class EventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> SendAsync(McpTestServer server, string? token, string method = "tools/call", string tool = "whoami")
    {
        using var request = McpTestServer.McpPost(token, method, tool);
        return await server.Http.SendAsync(request, Ct);
    }

    [Fact]
    public async Task OnTokenValidated_can_refuse_a_token_with_a_fixed_description_and_a_logged_reason()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId),
            services => services.Configure<CognitoMcpAuthOptions>(o => o.Events.OnTokenValidated = context =>
            {
                if (context.Principal.FindFirst("jti")?.Value == "revoked-jti")
                {
                    context.Refuse("jti revoked-jti is on the deny list");
                }

                return Task.CompletedTask;
            }));

        using var revoked = await SendAsync(server, pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"], c => c["jti"] = "revoked-jti"));
        using var fine = await SendAsync(server, pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]));

        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_token\", error_description=\"The access token was refused by the server\", resource_metadata=\"https://mcp.example.test/.well-known/oauth-protected-resource/mcp\", scope=\"my-api/read\"",
            revoked.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("deny list", revoked.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 1013 && r.Message.Contains("deny list", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task OnTokenValidated_can_enrich_the_principal_the_tools_see()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId),
            services => services.AddSingleton<TenantEvents>().Configure<CognitoMcpAuthOptions>(o => o.EventsType = typeof(TenantEvents)));

        using var response = await SendAsync(server, pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("tenant=acme", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnChallenge_and_OnForbidden_see_the_answer_and_can_write_their_own()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        var seen = new List<string>();
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId),
            services => services.Configure<CognitoMcpAuthOptions>(o =>
            {
                o.Events.OnChallenge = context =>
                {
                    seen.Add($"challenge {context.StatusCode} {context.Error ?? "(none)"}");
                    return Task.CompletedTask;
                };
                o.Events.OnForbidden = async context =>
                {
                    seen.Add($"forbidden {string.Join(' ', context.NeededScopes)}");
                    context.HandleResponse();
                    context.HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.HttpContext.Response.WriteAsync("custom 403", Ct);
                };
            }));

        using var missing = await SendAsync(server, token: null);
        using var expired = await SendAsync(server, pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"], c => c["exp"] = 1_000_000_000L));
        using var forbidden = await SendAsync(server, pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/write"]), method: "tools/list");

        Assert.Equal(["challenge 401 (none)", "challenge 401 invalid_token", "forbidden my-api/read"], seen);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Empty(forbidden.Headers.WwwAuthenticate);
        Assert.Equal("custom 403", await forbidden.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_underlying_JwtBearerOptions_can_be_adjusted_after_the_library()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(cognito.DevelopmentPool!, LocalCognitoDevelopmentPool.M2MClientId),
            services => services.PostConfigure<JwtBearerOptions>(CognitoMcpAuthenticationDefaults.BearerScheme, o => o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(3)));

        var options = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<JwtBearerOptions>>().Get(CognitoMcpAuthenticationDefaults.BearerScheme);

        Assert.Equal(TimeSpan.FromSeconds(3), options.TokenValidationParameters.ClockSkew);
        Assert.Equal(["RS256"], options.TokenValidationParameters.ValidAlgorithms); // the library's settings stay
    }

    private sealed class TenantEvents : CognitoMcpAuthEvents
    {
        public override Task TokenValidated(CognitoTokenValidatedContext context)
        {
            ((ClaimsIdentity)context.Principal.Identity!).AddClaim(new Claim("tenant", "acme"));
            return Task.CompletedTask;
        }
    }
}
