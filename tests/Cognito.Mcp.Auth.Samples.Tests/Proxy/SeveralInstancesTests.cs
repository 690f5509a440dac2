using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;
using ModelContextProtocol.Protocol;

namespace Cognito.Mcp.Auth.Samples.Tests.Proxy;

/// <summary>Two CalculatorServer processes behind one nginx upstream (round robin), serving one client.</summary>
public sealed class SeveralInstancesTests
{
    private const int Calls = 6;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_clients_consecutive_calls_are_served_by_both_instances()
    {
        await using var deployment = await ProxiedCalculator.StartAsync(instances: 2, Cancellation);

        string clientLog;
        int issuedTokens;
        await using (var mcp = await DiscoveringMcpClient.ConnectAsync(deployment, Cancellation))
        {
            for (var i = 1; i <= Calls; i++)
            {
                var sum = await mcp.Client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = i, ["b"] = i }, cancellationToken: Cancellation);
                Assert.Equal((2 * i).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<TextContentBlock>(Assert.Single(sum.Content)).Text);
            }

            clientLog = mcp.Log;
            issuedTokens = mcp.IssuedTokens;
        }

        // nginx logs a request once its response is sent: after the answer to a last request, all before it are logged.
        using (var http = new HttpClient(deployment.Tls.CreateHandler()))
        {
            (await http.GetAsync(deployment.PublicOrigin + McpProxySite.Prefix + "/health", Cancellation)).EnsureSuccessStatusCode();
        }

        var logged = await deployment.WaitForProxiedAsync($"GET {McpProxySite.Prefix}/health ");

        // nginx's log: the client's requests reached both instances. (Not strictly in turn: nginx logs a request when its
        // response is sent, and the client sends notifications/initialized without waiting, so two requests can overlap
        // and be logged in the other order; which instance gets which call then shifts by one.)
        var upstreams = logged.Where(r => r.Upstream != "-").Select(r => r.Upstream).ToList();
        Assert.Equal(deployment.ServerUrls.Select(u => u.Authority).Order(StringComparer.Ordinal), upstreams.Distinct().Order(StringComparer.Ordinal));

        // Each instance's own log: the calls, one after another with one token, were served by both instances.
        var toolCall = $"Tool add called by client {LocalCognitoDevelopmentPool.M2MClientId}";
        int[] Served() => [.. deployment.Servers.Select(s => Regex.Count(s.Output, toolCall))];
        await Poll.UntilAsync(() => Served().Sum() >= Calls, TimeSpan.FromSeconds(10), () => $"{Calls} tool calls logged; per instance: {string.Join(", ", Served())}");
        var served = Served();
        Assert.Equal(Calls, served.Sum());
        Assert.All(served, count => Assert.InRange(count, Calls / 2 - 1, Calls / 2 + 1)); // round robin, give or take the overlap

        // One token served both; each instance fetched Cognito's signing keys itself (its own cache).
        Assert.True(issuedTokens == 1, clientLog);
        Assert.Equal(2, deployment.Cognito.Requests.Jwks);
    }
}
