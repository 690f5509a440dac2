using System.Net;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>AddCognitoMcpAuth() in an application that has its own authentication and authorization choices.</summary>
public sealed class ApplicationFitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cookie_default_scheme_set_by_the_app_is_kept_and_the_MCP_endpoint_still_challenges_with_bearer()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(cognito.DevelopmentPool!, LocalCognitoDevelopmentPool.M2MClientId),
            services => services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(),
            configureApp: app => app.MapGet("/account", () => "private").RequireAuthorization());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Http.BaseAddress };

        using var account = await http.GetAsync("/account", Ct);
        using var mcpRequest = McpTestServer.McpPost(bearer: null);
        using var mcp = await http.SendAsync(mcpRequest, Ct);
        using var withToken = McpTestServer.McpPost(cognito.DevelopmentPool!.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]));
        using var accepted = await http.SendAsync(withToken, Ct);

        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode); // the app's cookie login, not a bearer 401
        Assert.StartsWith("/Account/Login", account.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
        Assert.StartsWith("Bearer resource_metadata=", mcp.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task The_apps_own_authorization_result_handler_is_wrapped_and_the_403_still_names_the_needed_scope()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var counting = new CountingResultHandler();
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(cognito.DevelopmentPool!, LocalCognitoDevelopmentPool.M2MClientId),
            beforeCognito: services => services.AddSingleton<IAuthorizationMiddlewareResultHandler>(counting));
        var readOnly = cognito.DevelopmentPool!.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);
        var writeOnly = cognito.DevelopmentPool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/write"]);

        using var list = McpTestServer.McpPost(readOnly);
        using var listed = await server.Http.SendAsync(list, Ct);
        var afterSuccess = counting.Calls;
        using var forbiddenRequest = McpTestServer.McpPost(writeOnly);
        using var forbidden = await server.Http.SendAsync(forbiddenRequest, Ct);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(1, afterSuccess); // the app's handler saw the successful authorization
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", forbidden.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("scope=\"my-api/read\"", forbidden.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_MCP_SDKs_own_scheme_next_to_ours_is_warned_about_at_start_up()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(cognito.DevelopmentPool!, LocalCognitoDevelopmentPool.M2MClientId),
            services => services.AddAuthentication().AddMcp());

        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 1012);
    }

    private sealed class CountingResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            Interlocked.Increment(ref _calls);
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
