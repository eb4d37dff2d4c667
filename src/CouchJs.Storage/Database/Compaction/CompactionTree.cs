using CouchJs.Storage.BTrees;
using CouchJs.Storage.Files;

namespace CouchJs.Storage.Database.Compaction;

/// <summary>How compaction copies one of the header's trees; the database layer gives one per tree it uses.</summary>
public interface ICompactionTree
{
    DbTree Tree { get; }

    /// <summary>Entries in a tree version (for progress); 0 when the tree does not count them.</summary>
    long Count(CouchFile file, StoredRoot? root);

    /// <summary>Copies up to <paramref name="limit"/> entries after <paramref name="afterKey"/> (encoded key; null = from the start).</summary>
    CopyResult CopyBatch(CompactionContext context, StoredRoot? source, StoredRoot? target, byte[]? afterKey, int limit);

    /// <summary>Applies to the target what changed in the source between two versions; returns the new target root and the change count.</summary>
    (StoredRoot? Target, int Changes) CatchUp(CompactionContext context, StoredRoot? before, StoredRoot? after, StoredRoot? target);
}

public readonly record struct CopyResult(StoredRoot? Target, byte[]? LastKey, int Copied, bool Done);

/// <summary>
/// Copies a tree of one shape. Entries are copied in key order, so the target tree only grows at its
/// right edge and comes out dense. <paramref name="relocate"/> rewrites a value whose pointers lead
/// into the source file (document bodies); trees of plain values need none.
/// </summary>
public sealed class CompactionTree<TKey, TValue, TRed>(
    DbTree tree,
    BTreeSpec<TKey, TValue, TRed> spec,
    Func<TValue, CompactionContext, TValue>? relocate = null,
    Func<TRed, long>? count = null) : ICompactionTree
{
    public DbTree Tree { get; } = tree;

    public long Count(CouchFile file, StoredRoot? root) =>
        count is null || root is null ? 0 : count(BTree<TKey, TValue, TRed>.Open(file, spec, root).FullReduce());

    public CopyResult CopyBatch(CompactionContext context, StoredRoot? source, StoredRoot? target, byte[]? afterKey, int limit)
    {
        var from = BTree<TKey, TValue, TRed>.Open(context.Source, spec, source);
        var range = afterKey is null ? KeyRange<TKey>.All : KeyRange<TKey>.From(spec.KeyCodec.FromBytes(afterKey));
        var batch = new List<KeyValuePair<TKey, TValue>>(limit);
        bool done = true;
        foreach (var (key, value) in from.Enumerate(range))
        {
            if (afterKey is not null && batch.Count == 0 && spec.Comparer.Compare(key, range.Start) == 0) continue;
            if (batch.Count == limit)
            {
                done = false;
                break;
            }
            batch.Add(new(key, Relocate(value, context)));
        }
        var to = BTree<TKey, TValue, TRed>.Open(context.Target, spec, target).Modify(batch);
        byte[]? last = batch.Count > 0 ? spec.KeyCodec.ToBytes(batch[^1].Key) : afterKey;
        return new CopyResult(to.ToStoredRoot(), last, batch.Count, done);
    }

    public (StoredRoot? Target, int Changes) CatchUp(CompactionContext context, StoredRoot? before, StoredRoot? after, StoredRoot? target)
    {
        var older = BTree<TKey, TValue, TRed>.Open(context.Source, spec, before);
        var newer = BTree<TKey, TValue, TRed>.Open(context.Source, spec, after);
        var changes = newer.DiffFrom(older);
        var inserts = changes.Where(c => !c.Removed).Select(c => new KeyValuePair<TKey, TValue>(c.Key, Relocate(c.Value, context))).ToList();
        var removes = changes.Where(c => c.Removed).Select(c => c.Key).ToList();
        var to = BTree<TKey, TValue, TRed>.Open(context.Target, spec, target).Modify(inserts, removes);
        return (to.ToStoredRoot(), changes.Count);
    }

    private TValue Relocate(TValue value, CompactionContext context) => relocate is null ? value : relocate(value, context);
}

/// <summary>How to compact a database: one copier per tree the database uses, and the batch size.</summary>
public sealed record CompactionPlan(IReadOnlyList<ICompactionTree> Trees)
{
    /// <summary>Entries copied between checkpoints (CouchDB's doc_buffer_size / checkpoint_after, in entries).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Catch-up rounds run without blocking writers before the last one takes the write lock.</summary>
    public int MaxCatchUpRounds { get; init; } = 10;
}
