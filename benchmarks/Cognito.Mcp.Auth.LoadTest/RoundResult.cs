namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>One timed round against one variant: successes, errors, elapsed time and every success's latency.</summary>
internal sealed record RoundResult(ServerVariant Variant, int Round, long Succeeded, long Errors, TimeSpan Elapsed, long[] LatencyTicks)
{
    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;
}
