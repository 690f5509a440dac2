using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Proxy;

/// <summary>
/// The deployment docs/deployment.md describes, on loopback: LocalCognito (in this process), one or more
/// CalculatorServer processes configured as a user would behind a proxy, and nginx in front of them terminating TLS
/// with a certificate of a CA made for the run, publishing the app at <c>https://127.0.0.1:{port}/calc/mcp</c>.
/// </summary>
internal sealed class ProxiedCalculator : IAsyncDisposable
{
    private ProxiedCalculator(LocalCognito cognito, IReadOnlyList<SampleProcess> servers, IReadOnlyList<Uri> serverUrls, TestCertificateAuthority tls, Nginx nginx)
    {
        Cognito = cognito;
        Servers = servers;
        ServerUrls = serverUrls;
        Tls = tls;
        Nginx = nginx;
        PublicOrigin = $"https://127.0.0.1:{nginx.Port}";
    }

    public LocalCognito Cognito { get; }

    public LocalUserPool Pool => Cognito.DevelopmentPool!;

    /// <summary>Gets the CalculatorServer processes, in the order of <see cref="ServerUrls"/>.</summary>
    public IReadOnlyList<SampleProcess> Servers { get; }

    /// <summary>Gets each instance's own address (<c>http://127.0.0.1:{port}</c>), which only nginx uses.</summary>
    public IReadOnlyList<Uri> ServerUrls { get; }

    public TestCertificateAuthority Tls { get; }

    public Nginx Nginx { get; }

    /// <summary>Gets <c>https://127.0.0.1:{nginx port}</c>.</summary>
    public string PublicOrigin { get; }

    /// <summary>Gets the MCP endpoint as clients know it: <c>https://127.0.0.1:{nginx port}/calc/mcp</c>.</summary>
    public Uri McpUrl => new(PublicOrigin + McpProxySite.Prefix + "/mcp");

    /// <summary>Starts <paramref name="instances"/> CalculatorServer processes and nginx in front of them.</summary>
    public static async Task<ProxiedCalculator> StartAsync(int instances, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var directory = Directory.CreateTempSubdirectory("nginx-").FullName;
        var port = Nginx.FreeLoopbackPort();
        var tls = TestCertificateAuthority.Create(directory);
        var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: cancellationToken);
        var servers = new List<SampleProcess>();
        try
        {
            // What a user sets (docs/deployment.md): the public URL as the resource, and forwarded headers on.
            var settings = new Dictionary<string, string?>
            {
                ["Cognito__Issuer"] = cognito.DevelopmentPool!.Issuer,
                ["Cognito__Resource"] = $"https://127.0.0.1:{port}{McpProxySite.Prefix}/mcp",
                ["ForwardedHeaders__Enabled"] = "true",
                // ASP.NET Core's "Request finished ..." line: the URL of each request as the app saw it.
                ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            };
            foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            {
                settings[name] = value;
            }

            var urls = new List<Uri>();
            for (var i = 0; i < instances; i++)
            {
                var server = SampleProcess.Start("CalculatorServer", settings, null, "--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryPaths.SampleOutput("CalculatorServer"));
                servers.Add(server);
                urls.Add(new Uri(await server.WaitForLineAsync(@"Now listening on: (http://127\.0\.0\.1:\d+)", cancellationToken)));
            }

            var nginx = await Nginx.StartAsync(directory, port, McpProxySite.Render(directory, port, tls, urls));
            return new ProxiedCalculator(cognito, servers, urls, tls, nginx);
        }
        catch
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            await cognito.DisposeAsync();
            tls.Dispose();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            throw;
        }
    }

    /// <summary>The upstream (<c>127.0.0.1:{port}</c>) of each request nginx logged so far, with the request line.</summary>
    public IReadOnlyList<(string Request, string Upstream)> ProxiedRequests() =>
        [.. Nginx.ReadLog(McpProxySite.AccessLog).Select(line =>
        {
            var request = line[(line.IndexOf('"', StringComparison.Ordinal) + 1)..line.LastIndexOf('"')];
            return (request, line[(line.LastIndexOf("upstream=", StringComparison.Ordinal) + "upstream=".Length)..]);
        })];

    /// <summary>
    /// Waits until nginx has logged <paramref name="count"/> requests whose request line starts with
    /// <paramref name="requestStart"/>: it writes a request's line once the response is sent, so a client may be faster.
    /// </summary>
    public async Task<IReadOnlyList<(string Request, string Upstream)>> WaitForProxiedAsync(string requestStart, int count = 1)
    {
        await Poll.UntilAsync(
            () => ProxiedRequests().Count(r => r.Request.StartsWith(requestStart, StringComparison.Ordinal)) >= count,
            TimeSpan.FromSeconds(10),
            () => $"{count} request(s) \"{requestStart}...\" in nginx's access log:\n{string.Join('\n', Nginx.ReadLog(McpProxySite.AccessLog))}");
        return ProxiedRequests();
    }

    public async ValueTask DisposeAsync()
    {
        await Nginx.DisposeAsync();
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }

        await Cognito.DisposeAsync();
        Tls.Dispose();
    }
}
