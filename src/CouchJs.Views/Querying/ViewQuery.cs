namespace CouchJs.Views.Querying;

/// <summary>
/// A view query as the engine runs it (couch_mrview's #mrargs after validation): keys are minified
/// JSON, doc ids plain strings. <see cref="GroupLevel"/> is <see cref="ExactGroup"/> for group=true,
/// 0 for no grouping, or a level.
/// </summary>
public sealed record ViewQuery
{
    /// <summary>group=true: whole keys group.</summary>
    public const int ExactGroup = Collation.GroupKeys.Exact;

    public ReadOnlyMemory<byte>? StartKey { get; init; }

    public ReadOnlyMemory<byte>? EndKey { get; init; }

    public string? StartKeyDocId { get; init; }

    public string? EndKeyDocId { get; init; }

    public bool InclusiveEnd { get; init; } = true;

    public bool Descending { get; init; }

    public long Skip { get; init; }

    public long Limit { get; init; } = long.MaxValue;

    /// <summary><c>keys</c>: one fold per key, in the order given.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? Keys { get; init; }

    public int GroupLevel { get; init; }
}

/// <summary>One reduce row: the group's key (null JSON without grouping) and its finished value.</summary>
public readonly record struct ReduceRow(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value);
