using System.Net;
using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Proxy;

/// <summary>
/// CalculatorServer's <c>ForwardedHeaders:*</c> settings, with requests sent straight to it from loopback (where a proxy
/// would be): what it takes from <c>X-Forwarded-*</c> shows in ASP.NET Core's "Request finished" log line.
/// </summary>
public sealed class ForwardedHeadersSettingsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> Forged = new()
    {
        ["X-Forwarded-Proto"] = "https",
        ["X-Forwarded-Host"] = "evil.example",
        ["X-Forwarded-Prefix"] = "/elsewhere",
        ["X-Forwarded-For"] = "203.0.113.9",
    };

    [Fact]
    public async Task Forwarded_headers_are_ignored_unless_enabled()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: Cancellation);
        await using var server = await StartAsync(cognito, []);

        var challenge = await PostWithoutTokenAsync(server.Url, Forged);

        await server.Process.WaitForLineAsync($@"Request finished HTTP/1\.1 POST {Regex.Escape(server.Url)}/mcp - 401", Cancellation);
        Assert.Contains("resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource/mcp\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_listed_headers_are_taken_and_the_challenge_still_names_Cognito_Resource()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: Cancellation);
        await using var server = await StartAsync(cognito, new()
        {
            ["ForwardedHeaders__Enabled"] = "true",
            ["ForwardedHeaders__Headers"] = "XForwardedFor, XForwardedProto",
        });

        var challenge = await PostWithoutTokenAsync(server.Url, Forged);

        // https from X-Forwarded-Proto; the host and path are the request's own, not the forged ones.
        await server.Process.WaitForLineAsync($@"Request finished HTTP/1\.1 POST {Regex.Escape(server.Url.Replace("http://", "https://", StringComparison.Ordinal))}/mcp - 401", Cancellation);
        Assert.Contains("resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource/mcp\"", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", server.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_stop_start_up_with_every_problem_named()
    {
        await using var server = SampleProcess.Start("CalculatorServer", new Dictionary<string, string?>
        {
            ["ForwardedHeaders__Enabled"] = "true",
            ["ForwardedHeaders__Headers"] = "XForwardedFor, XForwardedEverything",
            ["ForwardedHeaders__KnownNetworks__0"] = "10.0.0.0/16",
            ["ForwardedHeaders__KnownNetworks__1"] = "10.0.0.7",
            ["ForwardedHeaders__KnownNetworks__2"] = "10.0.0.0/33",
        }, null, "--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryPaths.SampleOutput("CalculatorServer"));

        Assert.Equal(1, await server.WaitForExitAsync(Cancellation));
        Assert.Equal(
            [
                "CalculatorServer is not configured:",
                "  - ForwardedHeaders:Headers \"XForwardedFor, XForwardedEverything\" is not a list of XForwardedFor, XForwardedProto, XForwardedHost, XForwardedPrefix (or All), e.g. \"XForwardedFor, XForwardedProto\".",
                "  - ForwardedHeaders:KnownNetworks \"10.0.0.7\" is not a network in CIDR notation, e.g. \"10.0.0.0/16\" (the proxies' subnet) or \"10.0.0.7/32\" (one proxy).",
                "  - ForwardedHeaders:KnownNetworks \"10.0.0.0/33\" is not a network in CIDR notation, e.g. \"10.0.0.0/16\" (the proxies' subnet) or \"10.0.0.7/32\" (one proxy).",
            ],
            server.Stderr.Split('\n'));
    }

    private static async Task<ServerUnderTest> StartAsync(LocalCognito cognito, Dictionary<string, string?> settings)
    {
        settings["Cognito__Issuer"] = cognito.DevelopmentPool!.Issuer;
        settings["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        var process = SampleProcess.Start("CalculatorServer", settings, null, "--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryPaths.SampleOutput("CalculatorServer"));
        try
        {
            return new ServerUnderTest(process, await process.WaitForLineAsync(@"Now listening on: (http://127\.0\.0\.1:\d+)", Cancellation));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> PostWithoutTokenAsync(string url, Dictionary<string, string> headers)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url + "/mcp") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return Assert.Single(response.Headers.WwwAuthenticate).ToString();
    }

    private sealed record ServerUnderTest(SampleProcess Process, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
