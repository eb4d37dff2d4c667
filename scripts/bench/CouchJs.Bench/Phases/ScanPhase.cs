using System.Diagnostics;

namespace CouchJs.Bench.Phases;

/// <summary>Enumerates the whole tree in key order; the count must match what was inserted.</summary>
internal sealed class ScanPhase(bool afterCompaction = false) : IBenchPhase
{
    // After compaction leaves lie in key order in the file, as they do in any compacted database.
    private readonly string _suffix = afterCompaction ? "_compacted" : "";

    public string Name => afterCompaction ? "scan compacted" : "full scan";

    public string Run(BenchRun run)
    {
        long t0 = Stopwatch.GetTimestamp();
        long count = 0, valueBytes = 0;
        foreach (var entry in run.Tree.Enumerate())
        {
            count++;
            valueBytes += entry.Value.Length;
        }
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        if (count != run.Workload.Keys.Length) throw new InvalidOperationException($"scan saw {count} keys, not {run.Workload.Keys.Length}");
        double rate = count / seconds;
        run.Add(new("scan_keys_per_s" + _suffix, rate, "keys/s", afterCompaction ? "scan keys/s compacted" : "scan keys/s",
            new("full scan ≥ 1,000,000 keys/s", 1_000_000, HigherIsBetter: true)));
        return $"{rate:N0} keys/s ({valueBytes / (1 << 20):N0} MB of values)";
    }
}
