namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>How the warm-up ended: settled (JIT quiet, total throughput stable) or stopped by its time bound.</summary>
internal sealed record WarmUpResult(bool Settled, TimeSpan Elapsed, IReadOnlyList<WarmUpCycle> Cycles);
