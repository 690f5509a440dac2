namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>One warm-up cycle: methods the JIT compiled during it, the relative change of the total throughput since the previous cycle, and each target's throughput.</summary>
internal sealed record WarmUpCycle(int Number, TimeSpan At, long MethodsCompiled, double TotalChange, double[] RequestsPerSecond);
