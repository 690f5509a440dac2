using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Cognito.Mcp.Auth.Tests.Client;

/// <summary>One span per token request, counters for requests, hits, misses and failures; no token or secret in any tag.</summary>
public sealed class TokenClientTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_requests_are_traced_and_counted_without_secrets()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CognitoTokenClientDefaults.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var settings = TokenClientTestHost.DefaultSettings(cognito);
        settings["Cognito:Scopes:0"] = "my-api/read";
        await using var host = TokenClientTestHost.Create(settings);
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, CognitoTokenClientDefaults.MeterName, "cognito.token_client.requests");
        using var hits = new MetricCollector<long>(meters, CognitoTokenClientDefaults.MeterName, "cognito.token_client.cache.hits");
        using var misses = new MetricCollector<long>(meters, CognitoTokenClientDefaults.MeterName, "cognito.token_client.cache.misses");
        using var failures = new MetricCollector<long>(meters, CognitoTokenClientDefaults.MeterName, "cognito.token_client.failures");
        using var durations = new MetricCollector<double>(meters, CognitoTokenClientDefaults.MeterName, "cognito.token_client.request.duration");

        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);
        await host.Client.GetTokenAsync(cancellationToken: Ct);
        host.ChangeSetting("Cognito:ClientSecret", "wrong-secret-for-telemetry");
        await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(["my-api/write"], Ct));

        Assert.Equal(2, requests.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, hits.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(2, misses.GetMeasurementSnapshot().EvaluateAsCounter());
        var failure = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal("invalid_client", failure.Tags["error.type"]);
        Assert.Equal(["none", "invalid_client"], durations.GetMeasurementSnapshot().Select(m => (string)m.Tags["error.type"]!));
        Assert.All(durations.GetMeasurementSnapshot(), m => Assert.True(m.Value > 0));

        List<Activity> recorded;
        lock (spans)
        {
            // The listener is process-wide: keep this test's spans only (its LocalCognito has a port of its own).
            var endpoint = cognito.DevelopmentPool!.TokenEndpoint.GetLeftPart(UriPartial.Path);
            recorded = [.. spans.Where(s => s.OperationName == "cognito.token_client.request" && Equals(s.GetTagItem("url.full"), endpoint))];
        }

        Assert.Equal(2, recorded.Count);
        Assert.Equal("invalid_client", recorded[1].GetTagItem("error.type"));
        foreach (var tag in recorded.SelectMany(s => s.TagObjects))
        {
            var value = tag.Value?.ToString() ?? "";
            Assert.DoesNotContain(token.Value, value, StringComparison.Ordinal);
            Assert.DoesNotContain(LocalCognitoDevelopmentPool.M2MClientSecret, value, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-secret-for-telemetry", value, StringComparison.Ordinal);
        }
    }
}
