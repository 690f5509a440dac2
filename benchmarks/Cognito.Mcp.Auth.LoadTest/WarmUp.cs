using System.Globalization;
using System.Runtime;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// Loads every target in turn, one window each (a cycle), until the code is past tiered compilation and throughput has
/// settled: two cycles in a row in which the JIT compiled at most <see cref="QuietJitMethods"/> methods in the whole
/// process (<see cref="JitInfo.GetCompiledMethodCount"/>), the second with a total throughput (all targets together)
/// within <c>tolerance</c> of the first. Under continuous load the runtime keeps compiling (tier 0, instrumented tier,
/// final tier 1) for tens of seconds, at a third of the final throughput, so a fixed short warm-up compares unoptimised
/// code. The total rather than each target's throughput: one window of one target moves by ±40% on a shared machine.
/// Bounded: past <c>bound</c> the run goes on, and the report says the warm-up did not settle.
/// </summary>
internal static class WarmUp
{
    // A few methods per cycle are background work (timers, rarely taken paths), not the request path: once tiering is
    // done a cycle compiles 0–15, while it is under way several hundred.
    public const int QuietJitMethods = 20;

    public static async Task<WarmUpResult> RunAsync(IReadOnlyList<LoadTarget> targets, TimeSpan window, TimeSpan bound, double tolerance, long maxRequests, Action<string> say)
    {
        var started = TimeProvider.System.GetTimestamp();
        var cycles = new List<WarmUpCycle>();
        while (true)
        {
            var jitBefore = JitInfo.GetCompiledMethodCount();
            var throughput = new double[targets.Count];
            for (var i = 0; i < targets.Count; i++)
            {
                throughput[i] = (await targets[i].Generator.RunAsync(window, maxRequests)).RequestsPerSecond;
            }

            var compiled = JitInfo.GetCompiledMethodCount() - jitBefore;
            var previous = cycles.Count > 0 ? cycles[^1] : null;
            var change = previous is null ? double.NaN : throughput.Sum() / previous.RequestsPerSecond.Sum() - 1;
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var settled = previous is not null && previous.MethodsCompiled <= QuietJitMethods && compiled <= QuietJitMethods && Math.Abs(change) <= tolerance;
            cycles.Add(new WarmUpCycle(cycles.Count + 1, elapsed, compiled, change, throughput));
            say(string.Create(CultureInfo.InvariantCulture,
                $"warm-up cycle {cycles.Count} at {elapsed.TotalSeconds:0} s: {compiled} methods compiled, total throughput {change:+0%;-0%} on the cycle before; {string.Join(", ", targets.Zip(throughput, (t, r) => $"{t} {r:0}"))} req/s"));
            if (settled || elapsed >= bound)
            {
                return new WarmUpResult(settled, elapsed, cycles);
            }
        }
    }
}
