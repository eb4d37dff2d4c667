namespace CouchJs.Bench.Phases;

/// <summary>
/// Untimed work so the timed phases start warm: one pass over every leaf (the file's pages faulted
/// into the read mapping; the file is in the OS page cache, it was just written), then random lookups
/// (inner nodes decoded in the node cache, the JIT done).
/// </summary>
internal sealed class WarmCachePhase : IBenchPhase
{
    public const int MaxLookups = 200_000;

    public string Name => "warm-up";

    public string Run(BenchRun run)
    {
        long leaves = 0;
        foreach (var _ in run.Tree.Enumerate()) leaves++;
        var keys = run.Workload.Keys;
        var rng = run.Picks(phase: 1);
        long n = Math.Min(MaxLookups, Math.Max(keys.Length, 10_000));
        for (long i = 0; i < n; i++)
            if (!run.Tree.TryGet(keys[rng.NextInt64(keys.Length)], out _)) throw new InvalidOperationException("inserted key not found");
        return $"{leaves:N0} entries read, {n:N0} untimed lookups";
    }
}
