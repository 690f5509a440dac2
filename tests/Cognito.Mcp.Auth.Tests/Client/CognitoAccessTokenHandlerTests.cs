using System.Net;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Tests.Client;

/// <summary>The handler's renew-and-retry cannot be turned against the client: not by redirects, not by refusing every token.</summary>
public sealed class CognitoAccessTokenHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TokenClientTestHost Host(LocalCognito cognito, TimeProvider? time = null) =>
        TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(cognito), time, configure: (services, configuration) =>
        {
            services.AddCognitoTokenClient(configuration.GetSection("Cognito"));
            services.AddHttpClient("api").AddCognitoAccessTokenHandler();
        });

    private static Task<LoopbackServer> RefusingEveryToken() => LoopbackServer.StartAsync((_, context) =>
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The access token is invalid\"";
        return Task.CompletedTask;
    });

    private static async Task<HttpStatusCode[]> CallAsync(TokenClientTestHost host, Uri url, int times)
    {
        var statuses = new HttpStatusCode[times];
        for (var i = 0; i < times; i++)
        {
            using var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("api");
            using var response = await http.GetAsync(url, Ct);
            statuses[i] = response.StatusCode;
        }

        return statuses;
    }

    [Fact]
    public async Task A_server_that_refuses_every_token_gets_one_renewal_then_a_doubling_back_off()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var api = await RefusingEveryToken();
        var time = new TokenClientFakeTimeProvider();
        await using var host = Host(cognito, time);
        var url = api.Url("/data");

        var first = await CallAsync(host, url, 10);
        var tokensAfterFirstBurst = cognito.Requests.Token;
        time.Advance(TimeSpan.FromSeconds(29));
        var beforeBackoffEnds = await CallAsync(host, url, 5);
        var tokensBeforeBackoffEnds = cognito.Requests.Token;
        time.Advance(TimeSpan.FromSeconds(2));
        var afterBackoff = await CallAsync(host, url, 5);
        var tokensAfterBackoff = cognito.Requests.Token;
        time.Advance(TimeSpan.FromSeconds(31));
        await CallAsync(host, url, 5);
        var tokensWithinDoubledBackoff = cognito.Requests.Token;
        time.Advance(TimeSpan.FromSeconds(30));
        await CallAsync(host, url, 5);

        Assert.All(first.Concat(beforeBackoffEnds).Concat(afterBackoff), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(2, tokensAfterFirstBurst); // the first token and one renewal
        Assert.Equal(2, tokensBeforeBackoffEnds); // 30 s back-off
        Assert.Equal(3, tokensAfterBackoff); // one renewal after it
        Assert.Equal(3, tokensWithinDoubledBackoff); // then 60 s
        Assert.Equal(4, cognito.Requests.Token);
        Assert.Equal(2 + 9 + 5 + 6 + 5 + 6, api.Requests.Count); // a retry only when a renewal was made
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 4115);
    }

    [Fact]
    public async Task A_renewed_token_that_worked_a_while_is_renewed_at_once_when_it_is_refused_later()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var refused = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        await using var api = await LoopbackServer.StartAsync((_, context) =>
        {
            var token = context.Request.Headers.Authorization.ToString()["Bearer ".Length..];
            if (refused.ContainsKey(token))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            }

            return Task.CompletedTask;
        });
        var time = new TokenClientFakeTimeProvider();
        await using var host = Host(cognito, time);
        var url = api.Url("/data");
        var first = await host.Client.GetTokenAsync(cancellationToken: Ct);
        refused[first.Value] = true; // e.g. its key left the JWKS

        var renewedAtOnce = await CallAsync(host, url, 1);
        var second = await host.Client.GetTokenAsync(cancellationToken: Ct);
        time.Advance(TimeSpan.FromMinutes(10)); // the renewed token works for ten minutes, then is revoked
        refused[second.Value] = true;
        var renewedAgain = await CallAsync(host, url, 1);

        Assert.Equal([HttpStatusCode.OK], renewedAtOnce);
        Assert.Equal([HttpStatusCode.OK], renewedAgain); // news, not a reason to back off
        Assert.Equal(3, cognito.Requests.Token);
    }

    [Fact]
    public async Task A_refusal_from_the_server_a_redirect_led_to_does_not_renew_the_token()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var elsewhere = await RefusingEveryToken();
        await using var redirecting = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = elsewhere.Url("/data").AbsoluteUri;
            return Task.CompletedTask;
        });
        await using var host = Host(cognito);

        var statuses = await CallAsync(host, redirecting.Url("/data"), 3);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(1, cognito.Requests.Token);
        Assert.Equal(3, elsewhere.Requests.Count);
        Assert.Equal(3, redirecting.Requests.Count);
        // HttpClient drops the Authorization header on redirects, so the other server never saw the token either.
        Assert.DoesNotContain(elsewhere.Requests, r => r.Headers.ContainsKey("Authorization"));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 4114);
    }
}
