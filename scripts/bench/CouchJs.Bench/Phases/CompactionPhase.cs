using System.Diagnostics;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Database;
using CouchJs.Storage.Database.Compaction;

namespace CouchJs.Bench.Phases;

/// <summary>
/// Compacts the database (copy into .compact.data with checkpoints, catch-up, swap) and measures the
/// live megabytes copied per second and the file size after, against the payload.
/// </summary>
internal sealed class CompactionPhase : IBenchPhase
{
    public string Name => "compaction";

    public string Run(BenchRun run)
    {
        var plan = new CompactionPlan([new CompactionTree<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, long>(DbTree.ById, StorageBench.Spec, count: c => c)]);
        long before = new FileInfo(run.DataFile).Length;
        long t0 = Stopwatch.GetTimestamp();
        run.Db.Compact(plan);
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        run.Tree = BTree<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, long>.Open(run.Db.File, StorageBench.Spec, run.Db.Header.Root(DbTree.ById));
        long after = new FileInfo(run.DataFile).Length;
        double payloadMbPerSecond = run.PayloadBytes / seconds / (1 << 20);
        double ratio = (double)after / run.PayloadBytes;
        const double MB = 1 << 20;
        run.Add(new("compaction_payload_mb_per_s", payloadMbPerSecond, "MB/s", "compact MB/s"));
        run.Add(new("compaction_s", seconds, "s"));
        run.Add(new("compacted_file_bytes", after, "bytes", "compacted MB", Scale: MB));
        run.Add(new("compacted_to_payload", ratio, "ratio", "compacted/payload",
            new("file ≤ 1.3x payload after compaction", 1.3, HigherIsBetter: false)));
        return $"{payloadMbPerSecond:N0} MB/s of payload, {before / MB:N0} MB -> {after / MB:N0} MB ({ratio:F2}x payload) in {seconds:F1} s";
    }
}
