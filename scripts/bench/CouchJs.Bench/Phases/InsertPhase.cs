using System.Diagnostics;
using CouchJs.Storage.Database;

namespace CouchJs.Bench.Phases;

/// <summary>
/// Inserts every key in batches: one Modify and one database header Commit (two fdatasyncs) per batch. Timed: Modify
/// and Commit only; building the batch's values is not.
/// </summary>
internal sealed class InsertPhase : IBenchPhase
{
    public string Name => "insert";

    public string Run(BenchRun run)
    {
        var keys = run.Workload.Keys;
        int batchSize = run.Options.Batch;
        long modifyTicks = 0, commitTicks = 0, commits = 0;
        var batch = new List<KeyValuePair<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>>(batchSize);
        for (long start = 0; start < keys.Length; start += batchSize)
        {
            batch.Clear();
            for (long i = start; i < Math.Min(start + batchSize, keys.Length); i++)
            {
                byte[] value = run.Workload.Value(i);
                run.PayloadBytes += keys[i].Length + value.Length;
                batch.Add(new(keys[i], value));
            }
            long t0 = Stopwatch.GetTimestamp();
            long t1, t2;
            lock (run.Db.WriteLock)
            {
                run.Tree = run.Tree.Modify(batch);
                t1 = Stopwatch.GetTimestamp();
                var current = run.Db.Header;
                run.Db.Commit(current.WithRoot(DbTree.ById, run.Tree.ToStoredRoot()) with { UpdateSeq = current.UpdateSeq + batch.Count });
                t2 = Stopwatch.GetTimestamp();
            }
            modifyTicks += t1 - t0;
            commitTicks += t2 - t1;
            commits++;
        }
        double modify = Seconds(modifyTicks), commit = Seconds(commitTicks);
        double rate = keys.Length / (modify + commit);
        run.Add(new("insert_keys_per_s", rate, "keys/s", "insert/s",
            new("insert ≥ 200,000 keys/s (no compression)", 200_000, HigherIsBetter: true, NoCompressionOnly: true)));
        run.Add(new("insert_modify_s", modify, "s"));
        run.Add(new("insert_commit_s", commit, "s"));
        run.Add(new("insert_commits", commits, "commits"));
        return $"{rate:N0} keys/s (Modify {modify:F1} s, Commit {commit:F1} s, {commits} commits)";
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
