using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

/// <summary>Cognito's token endpoint answers <c>Access-Control-Allow-Origin: *</c>, so browser apps can call it.</summary>
public sealed class TokenEndpointCorsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("https://app.example.com", null)]
    [InlineData("https://app.example.com", "wrong")]
    public async Task Every_token_answer_allows_any_origin(string? origin, string? secret)
    {
        await using var t = await TestCognito.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, t.Pool.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = TestCognito.Basic(t.M2M.ClientId, secret ?? t.M2M.ClientSecret);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        var response = await t.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(secret is null ? HttpStatusCode.OK : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Injected_failures_allow_any_origin_too()
    {
        await using var t = await TestCognito.StartAsync();
        t.Cognito.Faults.FailNextTokenRequests(1, HttpStatusCode.ServiceUnavailable);

        var response = await t.ClientCredentialsAsync(t.M2M);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task A_browser_preflight_is_allowed_for_POST_with_the_requested_headers_and_is_not_counted()
    {
        await using var t = await TestCognito.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Options, t.Pool.TokenEndpoint);
        request.Headers.Add("Origin", "https://app.example.com");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await t.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("authorization", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, t.Cognito.Requests.Token);
    }
}
