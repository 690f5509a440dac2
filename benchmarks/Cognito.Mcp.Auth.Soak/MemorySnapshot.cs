using System.Diagnostics;

namespace Cognito.Mcp.Auth.Soak;

/// <summary>The process's managed heap and working set, read right after a forced, blocking, compacting full GC.</summary>
/// <param name="ManagedHeapBytes">Bytes in use on the managed heap (<see cref="GC.GetTotalMemory(bool)"/>).</param>
/// <param name="WorkingSetBytes">The process's working set.</param>
/// <param name="CommittedBytes">Memory the GC has committed (<see cref="GCMemoryInfo.TotalCommittedBytes"/>).</param>
public sealed record MemorySnapshot(long ManagedHeapBytes, long WorkingSetBytes, long CommittedBytes)
{
    public static MemorySnapshot Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, GC.GetGCMemoryInfo().TotalCommittedBytes);
    }
}
