using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;
using ModelContextProtocol.Protocol;
using Snapshooter.Xunit3;

namespace Cognito.Mcp.Auth.Samples.Tests.Proxy;

/// <summary>
/// CalculatorServer published by nginx (TLS, path prefix /calc) with the configuration docs/deployment.md gives:
/// everything a client discovers names the public https URL, and clients that know only that URL complete the M2M flow.
/// </summary>
public sealed class BehindReverseProxyTests(ReverseProxyFixture fixture) : IClassFixture<ReverseProxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ProxiedCalculator Deployment => fixture.Deployment;

    private string MetadataUrl => $"{Deployment.PublicOrigin}/.well-known/oauth-protected-resource{McpProxySite.Prefix}/mcp";

    [Fact]
    public async Task Metadata_is_served_at_the_host_root_path_suffixed_and_names_the_public_url()
    {
        using var response = await fixture.Http.GetAsync(MetadataUrl, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(Deployment.McpUrl.AbsoluteUri, JsonDocument.Parse(body).RootElement.GetProperty("resource").GetString());
        Snapshot.Match(Normalize(body));
    }

    [Fact]
    public async Task Request_without_a_token_is_challenged_with_the_public_metadata_url()
    {
        using var request = Initialize(Deployment.McpUrl);

        using var response = await fixture.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).ToString();
        Assert.Contains($"resource_metadata=\"{MetadataUrl}\"", challenge, StringComparison.Ordinal);
        Snapshot.Match(Normalize(challenge));
    }

    [Fact]
    public async Task The_app_sees_each_request_at_its_public_url()
    {
        using var request = Initialize(Deployment.McpUrl);

        using var response = await fixture.Http.SendAsync(request, Cancellation);

        // ASP.NET Core's own log of the request, after the forwarded headers: https, nginx's host and port, PathBase /calc.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var server = Assert.Single(Deployment.Servers);
        await server.WaitForLineAsync(
            $@"Request finished HTTP/1\.1 POST {Regex.Escape(Deployment.PublicOrigin)}/calc/mcp - 401",
            Cancellation);
    }

    [Fact]
    public async Task Paths_outside_the_prefix_and_its_well_known_documents_do_not_reach_the_app()
    {
        using var unprefixed = await fixture.Http.PostAsync($"{Deployment.PublicOrigin}/mcp", new StringContent("{}"), Cancellation);
        using var rootMetadata = await fixture.Http.GetAsync($"{Deployment.PublicOrigin}/.well-known/oauth-protected-resource", Cancellation);
        using var otherSuffix = await fixture.Http.GetAsync($"{Deployment.PublicOrigin}/.well-known/oauth-protected-resource/calculator/mcp", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, unprefixed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rootMetadata.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherSuffix.StatusCode);
        // nginx answered each itself: no upstream ("-") in its log.
        var logged = await Deployment.WaitForProxiedAsync("GET /.well-known/oauth-protected-resource/calculator/mcp ");
        string[] paths = ["POST /mcp ", "GET /.well-known/oauth-protected-resource ", "GET /.well-known/oauth-protected-resource/calculator/mcp "];
        Assert.All(paths, path => Assert.Equal("-", Assert.Single(logged, r => r.Request.StartsWith(path, StringComparison.Ordinal)).Upstream));
    }

    [Fact]
    public async Task The_csharp_token_client_discovers_through_the_proxy_and_calls_tools()
    {
        var metadataRequest = $"GET /.well-known/oauth-protected-resource{McpProxySite.Prefix}/mcp HTTP/1.1";
        var metadataRequestsBefore = Deployment.ProxiedRequests().Count(r => r.Request == metadataRequest);

        await using (var mcp = await DiscoveringMcpClient.ConnectAsync(Deployment, Cancellation))
        {
            var tools = await mcp.Client.ListToolsAsync(cancellationToken: Cancellation);
            var sum = await mcp.Client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 10, ["b"] = 20 }, cancellationToken: Cancellation);

            Assert.Equal(["add", "subtract", "multiply", "divide", "power", "square_root"], tools.Select(t => t.Name));
            Assert.Equal("30", Assert.IsType<TextContentBlock>(Assert.Single(sum.Content)).Text);
            Assert.True(mcp.IssuedTokens == 1, mcp.Log);
        }

        await Deployment.WaitForProxiedAsync(metadataRequest, metadataRequestsBefore + 1); // discovered through the proxy
    }

    [Fact]
    public async Task The_typescript_sdk_discovers_through_the_proxy_and_calls_tools()
    {
        // A machine-only deployment: the TypeScript SDK's client_credentials provider uses the first authorization
        // server the metadata names, which is the authorization bridge when it is on (docs/interactive-clients.md).
        await using var deployment = await ProxiedCalculator.StartAsync(1, TestContext.Current.CancellationToken, new Dictionary<string, string?> { ["Cognito__AuthorizationBridge__ClientId"] = "" });
        var tokensBefore = deployment.Cognito.Requests.Token;

        var (exitCode, result) = await RunTypeScriptClientAsync(deployment);

        Assert.True(exitCode == 0, result.GetRawText());
        Assert.Equal(["add", "subtract", "multiply", "divide", "power", "square_root"], result.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("30", result.GetProperty("add").GetString());
        Assert.Equal(LocalCognitoDevelopmentPool.ReadScope, result.GetProperty("scope").GetString());
        Assert.Equal(1, deployment.Cognito.Requests.Token - tokensBefore);
    }

    private static HttpRequestMessage Initialize(Uri mcpUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"proxy-tests","version":"1.0.0"}}}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    // The random port of nginx and of LocalCognito are the only parts that differ between runs.
    private string Normalize(string text) => text
        .Replace(Deployment.PublicOrigin, "https://127.0.0.1:{proxy-port}", StringComparison.Ordinal)
        .Replace(Deployment.Pool.Issuer, "{issuer}", StringComparison.Ordinal);

    private static async Task<(int ExitCode, JsonElement Result)> RunTypeScriptClientAsync(ProxiedCalculator deployment)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "interop");
        Assert.True(
            Directory.Exists(Path.Combine(directory, "node_modules", "@modelcontextprotocol", "sdk")),
            "The TypeScript SDK is not installed: run `bash test.sh` (or `npm ci` in tests/interop).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "client-credentials.mjs", deployment.McpUrl.AbsoluteUri, LocalCognitoDevelopmentPool.M2MClientId, LocalCognitoDevelopmentPool.ReadScope, deployment.Pool.Issuer })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CLIENT_SECRET"] = LocalCognitoDevelopmentPool.M2MClientSecret;
        start.Environment["NODE_EXTRA_CA_CERTS"] = deployment.Tls.AuthorityPath; // node trusts the run's CA besides its own roots

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
                ?? throw new InvalidOperationException("node printed nothing: " + await error);
            return (process.ExitCode, JsonDocument.Parse(line).RootElement.Clone());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
