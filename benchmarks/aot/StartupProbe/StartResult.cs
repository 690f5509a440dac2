namespace Cognito.Mcp.Auth.StartupProbe;

/// <summary>What one start of the server measured: milliseconds from process start, peak RSS in kB.</summary>
internal sealed record StartResult(double ListeningMs, double FirstCallMs, long PeakRssAfterFirstKb, long PeakRssAfterCallsKb);
