using CouchJs.QueryServers;

namespace CouchJs.Views.Updating;

/// <summary>How updates run: batch sizes, commit cadence, and the query servers' current config.</summary>
public sealed record UpdateSettings
{
    /// <summary>Documents read and mapped per query-server message (couch_mrview's queue_item_cap).</summary>
    public int MapBatchSize { get; init; } = 500;

    /// <summary>Mapped documents gathered into one tree write when the mapper is ahead of the writer.</summary>
    public int WriteBatchSize { get; init; } = 2000;

    /// <summary>
    /// Query servers mapping batches side by side, in order, when they run in their own processes (an
    /// in-process engine maps alone). The ones past the first are taken only if the pool has them free
    /// at once.
    /// </summary>
    public int MapParallelism { get; init; } = 2;

    /// <summary>Longest time between header commits while an update runs (a crash loses at most this much work).</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>reduce_limit</c> and <c>os_process_timeout</c>, read when an update or query starts (config changes need no restart).</summary>
    public Func<QueryServerConfig> QueryServerConfig { get; init; } = static () => new QueryServerConfig();

    /// <summary>The built-in reduces' share of <c>reduce_limit</c> (_sum output that does not shrink).</summary>
    public Reduce.BuiltinReduceLimit ReduceLimit() => new(QueryServerConfig().ReduceLimit);
}
