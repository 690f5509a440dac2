using System.Globalization;
using System.Text;

namespace Cognito.Mcp.Auth.Soak;

/// <summary>Turns a <see cref="SoakResult"/> into the Markdown table of docs/performance.md's Soak section.</summary>
public static class SoakReport
{
    public static string Write(SoakResult r)
    {
        var s = r.Settings;
        var perClient = r.CallsPerClient.Order().ToList();
        var expected = s.ExpectedTokenRequests;
        var refusals = r.ServerRefusals.Count == 0 ? "none" : string.Join(", ", r.ServerRefusals.Select(p => $"{p.Key} {p.Value}"));
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{s.Clients} clients, {s.Duration.TotalSeconds:0} s each, access tokens of {s.TokenLifetime.TotalSeconds:0} s (each client refreshes every {s.RefreshPeriod.TotalSeconds:0.#} s: RefreshBeforeExpiry {s.RefreshBeforeExpiry.TotalSeconds:0} s clamped to half the lifetime). Keys rotated at {r.RotatedAt.TotalSeconds:0.0} s, old keys removed from the JWKS at {r.OldKeyRemovedAt.TotalSeconds:0.0} s. Connecting the clients and their first call took {r.WarmUp.TotalSeconds:0.0} s; the whole run {r.Elapsed.TotalSeconds:0.0} s."));
        text.AppendLine();
        text.AppendLine("| what | goal | measured | met? |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(Invariant($"| calls made | (reported) | {r.Calls:N0} ({r.Calls / r.Elapsed.TotalSeconds:0} per second); per client min {perClient[0]:N0}, median {perClient[perClient.Count / 2]:N0}, max {perClient[^1]:N0} | — |"));
        text.AppendLine(Invariant($"| failed calls | 0 | {r.FailedCalls} | {Met(r.FailedCalls == 0)} |"));
        text.AppendLine(Invariant($"| token requests | one per client per refresh period: {expected} to {expected * 3 / 2} ({s.Clients} × ⌈{s.Duration.TotalSeconds:0} / {s.RefreshPeriod.TotalSeconds:0.#}⌉ = {expected}, up to 1.5×) | {r.TokenRequests} ({(double)r.TokenRequests / s.Clients:0.##} per client), plus {r.TokenRequestsInWarmUp} while connecting | {Met(r.TokenRequestsWithinBounds)} |"));
        text.AppendLine(Invariant($"| JWKS downloads | one per rotation (plus the server's first) | {r.JwksDownloadsAfterWarmUp} after the warm-up; {r.JwksDownloads} in all | {Met(r.JwksDownloadsAfterWarmUp == 1)} |"));
        text.AppendLine(Invariant($"| OpenID configuration downloads | (reported) | {r.DiscoveryDownloads} in all | — |"));
        text.AppendLine(Invariant($"| server refusals (its meter, by reason) | none for an unknown key | {refusals} | {Met(r.UnknownKeyRefusals == 0)} |"));
        text.AppendLine(Invariant($"| 401 answers seen by the clients | (reported) | {r.UnauthorizedAnswers} of {r.HttpRequests:N0} HTTP requests | — |"));
        text.AppendLine(Invariant($"| requests with an old-key token after its removal | 0 | {r.OldKeyRequestsAfterRemoval} (last old-key request {r.LastOldKeyUseAfterRotation.TotalSeconds:0.00} s after the rotation) | {Met(r.OldKeyRequestsAfterRemoval == 0)} |"));
        text.AppendLine(Invariant($"| managed heap after a forced full GC | (reported) | {MiB(r.MemoryAtStart.ManagedHeapBytes)} → {MiB(r.MemoryAtEnd.ManagedHeapBytes)} MiB ({Delta(r.MemoryAtEnd.ManagedHeapBytes - r.MemoryAtStart.ManagedHeapBytes)} MiB) | — |"));
        text.AppendLine(Invariant($"| working set after it | (reported) | {MiB(r.MemoryAtStart.WorkingSetBytes)} → {MiB(r.MemoryAtEnd.WorkingSetBytes)} MiB ({Delta(r.MemoryAtEnd.WorkingSetBytes - r.MemoryAtStart.WorkingSetBytes)} MiB) | — |"));
        text.AppendLine(Invariant($"| GC committed memory after it | (reported) | {MiB(r.MemoryAtStart.CommittedBytes)} → {MiB(r.MemoryAtEnd.CommittedBytes)} MiB ({Delta(r.MemoryAtEnd.CommittedBytes - r.MemoryAtStart.CommittedBytes)} MiB) | — |"));
        if (r.FailureSamples.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Failures (first five per client):");
            text.AppendLine();
            foreach (var sample in r.FailureSamples)
            {
                text.AppendLine($"- {sample}");
            }
        }

        return text.ToString();
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Delta(long bytes) => (bytes >= 0 ? "+" : "") + MiB(bytes);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
