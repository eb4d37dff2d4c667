namespace CouchJs.Bench.Phases;

/// <summary>
/// Untimed random lookups so the timed ones start warm: inner nodes decoded in the node cache, the
/// file in the OS page cache (it was just written), the JIT done.
/// </summary>
internal sealed class WarmCachePhase : IBenchPhase
{
    public const int MaxLookups = 200_000;

    public string Name => "warm-up";

    public string Run(BenchRun run)
    {
        var keys = run.Workload.Keys;
        var rng = run.Picks(phase: 1);
        long n = Math.Min(MaxLookups, Math.Max(keys.Length, 10_000));
        for (long i = 0; i < n; i++)
            if (!run.Tree.TryGet(keys[rng.NextInt64(keys.Length)], out _)) throw new InvalidOperationException("inserted key not found");
        return $"{n:N0} untimed lookups";
    }
}
