using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>The server's meter and spans while good and bad tokens arrive: counts by reason, no token in any tag.</summary>
public sealed class TelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepted_and_refused_tokens_cache_hits_and_key_refreshes_are_counted_and_traced_without_tokens()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CognitoMcpAuthenticationDefaults.TelemetryName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId));
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        var name = CognitoMcpAuthenticationDefaults.TelemetryName;
        using var accepted = new MetricCollector<long>(meters, name, "cognito.server.tokens.accepted");
        using var refused = new MetricCollector<long>(meters, name, "cognito.server.tokens.refused");
        using var hits = new MetricCollector<long>(meters, name, "cognito.server.validated_token_cache.hits");
        using var misses = new MetricCollector<long>(meters, name, "cognito.server.validated_token_cache.misses");
        using var refreshes = new MetricCollector<long>(meters, name, "cognito.server.signing_keys.refreshes");

        var good = pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);
        var tokens = new Dictionary<string, (string? Token, HttpStatusCode Status)>
        {
            ["good 1"] = (good, HttpStatusCode.OK),
            ["good 2"] = (good, HttpStatusCode.OK),
            ["good 3"] = (good, HttpStatusCode.OK),
            ["none"] = (null, HttpStatusCode.Unauthorized),
            ["expired"] = (pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"], c => c["exp"] = 1_000_000_000L), HttpStatusCode.Unauthorized),
            ["other client"] = (pool.IssueAccessToken(LocalCognitoDevelopmentPool.OtherApiM2MClientId, ["my-api/read"]), HttpStatusCode.Unauthorized),
            ["id token"] = (pool.IssueIdToken(LocalCognitoDevelopmentPool.WebClientId, LocalCognitoDevelopmentPool.DemoUsername), HttpStatusCode.Unauthorized),
            ["write only"] = (pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/write"]), HttpStatusCode.Forbidden),
        };
        foreach (var (label, (token, status)) in tokens)
        {
            using var request = McpTestServer.McpPost(token);
            using var response = await server.Http.SendAsync(request, Ct);
            Assert.True(status == response.StatusCode, label);
        }

        Assert.Equal(4, accepted.GetMeasurementSnapshot().EvaluateAsCounter()); // the write-only token was valid, then forbidden
        Assert.All(accepted.GetMeasurementSnapshot(), m => Assert.Equal(LocalCognitoDevelopmentPool.M2MClientId, m.Tags["cognito.client_id"]));
        var reasons = refused.GetMeasurementSnapshot().Select(m => (string)m.Tags["cognito.refusal"]!).Order(StringComparer.Ordinal);
        Assert.Equal(["client_not_allowed", "expired", "insufficient_scope", "no_token", "not_an_access_token"], reasons);
        Assert.Equal(1, hits.GetMeasurementSnapshot().EvaluateAsCounter()); // good 3 (good 1 fetched the keys, good 2 was remembered)
        Assert.Equal(6, misses.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal("success", (string)Assert.Single(refreshes.GetMeasurementSnapshot()).Tags["outcome"]!);

        List<Activity> recorded;
        lock (spans)
        {
            recorded = [.. spans.Where(s => s.OperationName == "cognito.authenticate")];
        }

        Assert.Contains(recorded, s => Equals(s.GetTagItem("cognito.auth.result"), "accepted") && Equals(s.GetTagItem("cognito.client_id"), LocalCognitoDevelopmentPool.M2MClientId));
        Assert.Contains(recorded, s => Equals(s.GetTagItem("cognito.refusal"), "expired") && s.Status == ActivityStatusCode.Error);
        foreach (var tag in recorded.SelectMany(s => s.TagObjects))
        {
            foreach (var token in tokens.Values.Select(t => t.Token).OfType<string>())
            {
                Assert.DoesNotContain(token, tag.Value?.ToString() ?? "", StringComparison.Ordinal);
            }
        }
    }
}
