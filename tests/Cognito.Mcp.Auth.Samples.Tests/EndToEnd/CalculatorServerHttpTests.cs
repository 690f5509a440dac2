using System.Net;
using Cognito.Mcp.Auth.Samples.Tests.Framework;

namespace Cognito.Mcp.Auth.Samples.Tests.EndToEnd;

/// <summary>CalculatorServer's HTTP surface outside MCP: anonymous health, explicit CORS.</summary>
public sealed class CalculatorServerHttpTests
{
    private const string AllowedOrigin = "https://app.example.test";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static StringContent JsonBody() =>
        new("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", System.Text.Encoding.UTF8, "application/json");

    private static HttpRequestMessage Preflight(string url, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,mcp-session-id");
        return request;
    }

    [Fact]
    public async Task Cors_allows_only_configured_origins_and_exposes_the_mcp_headers()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation, new Dictionary<string, string?> { ["Cors__AllowedOrigins__0"] = AllowedOrigin });
        using var http = new HttpClient();

        using var allowed = await http.SendAsync(Preflight(story.McpUrl, AllowedOrigin), Cancellation);
        using var refused = await http.SendAsync(Preflight(story.McpUrl, "https://evil.example.test"), Cancellation);
        using var unauthenticated = new HttpRequestMessage(HttpMethod.Post, story.McpUrl) { Content = JsonBody() };
        unauthenticated.Headers.Add("Origin", AllowedOrigin);
        using var challenge = await http.SendAsync(unauthenticated, Cancellation);

        Assert.Equal(AllowedOrigin, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("authorization", string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Equal("WWW-Authenticate,Mcp-Session-Id", string.Join(',', challenge.Headers.GetValues("Access-Control-Expose-Headers")));
    }

    [Fact]
    public async Task No_origin_is_allowed_by_default()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation);
        using var http = new HttpClient();

        using var response = await http.SendAsync(Preflight(story.McpUrl, AllowedOrigin), Cancellation);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Health_is_anonymous_while_mcp_needs_a_token()
    {
        await using var story = await CalculatorStory.StartAsync(Cancellation);
        using var http = new HttpClient();

        using var health = await http.GetAsync(story.McpUrl.Replace("/mcp", "/health", StringComparison.Ordinal), Cancellation);
        using var mcp = await http.PostAsync(story.McpUrl, JsonBody(), Cancellation);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
    }
}
