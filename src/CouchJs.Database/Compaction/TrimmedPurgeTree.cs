using CouchJs.Database.Trees;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Database;
using CouchJs.Storage.Database.Compaction;
using CouchJs.Storage.Files;

namespace CouchJs.Database.Compaction;

/// <summary>
/// Copies the purge-seq tree from the first info worth keeping: CouchDB's compactor
/// (copy_purge_info) keeps the infos above the minimum purge seq (<see cref="Purging.MinimumPurgeSeq"/>).
/// Infos purged while the compaction runs are all kept.
/// </summary>
internal sealed class TrimmedPurgeTree(ICompactionTree inner, long keepAfterSeq) : ICompactionTree
{
    private readonly byte[] _start = DbTrees.PurgeSeqSpec.KeyCodec.ToBytes(keepAfterSeq);

    public DbTree Tree => inner.Tree;

    public long Count(CouchFile file, StoredRoot? root) => inner.Count(file, root);

    // The copy starts after _start (an exclusive bound, like any resumed copy).
    public CopyResult CopyBatch(CompactionContext context, StoredRoot? source, StoredRoot? target, byte[]? afterKey, int limit) =>
        inner.CopyBatch(context, source, target, afterKey ?? _start, limit);

    public (StoredRoot? Target, int Changes) CatchUp(CompactionContext context, StoredRoot? before, StoredRoot? after, StoredRoot? target) =>
        inner.CatchUp(context, before, after, target);
}
