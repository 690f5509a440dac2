namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>What one stretch of load against one server measured: successes, errors, elapsed time and every success's latency.</summary>
internal sealed record LoadSample(long Succeeded, long Errors, TimeSpan Elapsed, long[] LatencyTicks)
{
    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;
}
