using System.Diagnostics;

namespace CouchJs.Bench.Phases;

/// <summary>
/// Random point reads (TryGet) of existing keys, on one or more threads reading the same tree
/// version at once. The keys to read are picked before timing; every one must be found.
/// </summary>
internal sealed class LookupPhase(int threads, bool afterCompaction = false) : IBenchPhase
{
    private readonly string _suffix = afterCompaction ? "_compacted" : "";

    public string Name => afterCompaction ? $"lookups ×{threads} compacted" : $"lookups ×{threads}";

    public string Run(BenchRun run)
    {
        var keys = run.Workload.Keys;
        var rng = run.Picks(phase: 10 + threads);
        var picks = new int[run.Options.Lookups];
        for (int i = 0; i < picks.Length; i++) picks[i] = rng.Next(keys.Length);
        var tree = run.Tree;
        int expectedLength = run.Options.ValueBytes;
        long misses = 0;
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            int from = (int)((long)picks.Length * t / threads), to = (int)((long)picks.Length * (t + 1) / threads);
            start.Wait();
            long missed = 0;
            for (int i = from; i < to; i++)
                if (!tree.TryGet(keys[picks[i]], out var value) || value.Length != expectedLength) missed++;
            Interlocked.Add(ref misses, missed);
        })).ToList();
        workers.ForEach(w => w.Start());
        long t0 = Stopwatch.GetTimestamp();
        start.Set();
        workers.ForEach(w => w.Join());
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        if (misses > 0) throw new InvalidOperationException($"{misses} lookups of inserted keys failed");
        double rate = picks.Length / seconds;
        string key = (threads == 1 ? "lookups_per_s" : $"lookups_{threads}_threads_per_s") + _suffix;
        var target = threads == 1 ? new Target("lookups ≥ 300,000/s warm", 300_000, HigherIsBetter: true) : null;
        string column = (threads == 1 ? "lookup/s" : $"lookup/s {threads}T") + (afterCompaction ? " compacted" : "");
        run.Add(new(key, rate, "lookups/s", column, target));
        return $"{rate:N0} lookups/s over {threads} thread(s)";
    }
}
