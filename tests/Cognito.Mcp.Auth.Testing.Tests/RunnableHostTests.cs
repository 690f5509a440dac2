using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

/// <summary>The <c>samples/LocalCognito</c> host, run as a process.</summary>
public sealed class RunnableHostTests
{
    [Fact]
    public async Task Host_serves_the_development_pool_on_loopback_and_reports_health()
    {
        using var host = HostProcess.Start("Development", "--urls", "http://127.0.0.1:0");

        var issuer = await host.IssuerAsync();
        var baseAddress = issuer[..issuer.LastIndexOf('/')];
        using var http = new HttpClient();
        var health = await http.GetStringAsync($"{baseAddress}/health", TestContext.Current.CancellationToken);
        var discovery = await http.GetAsync($"{issuer}/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        Assert.Matches(@"^http://127\.0\.0\.1:\d+/us-east-1_LocalDev1$", issuer);
        Assert.Equal("Healthy", health);
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Contains("NOT FOR PRODUCTION", host.Stdout, StringComparison.Ordinal);
        Assert.Contains(LocalCognitoDevelopmentPool.M2MClientId, host.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalCognitoDevelopmentPool.M2MClientSecret, host.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalCognitoDevelopmentPool.DemoPassword, host.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_refuses_to_start_in_Production()
    {
        using var host = HostProcess.Start("Production", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, await host.ExitCodeAsync());
        Assert.Contains("refuses to start", host.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_starts_in_Production_only_when_explicitly_allowed()
    {
        using var host = HostProcess.Start("Production", "--urls", "http://127.0.0.1:0", "--allow-production");

        Assert.Contains("/us-east-1_LocalDev1", await host.IssuerAsync(), StringComparison.Ordinal);
    }
}
