using CouchJs.Database.Model;
using CouchJs.Database.Trees;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Database;
using CouchJs.Storage.Database.Compaction;

namespace CouchJs.Database.Compaction;

/// <summary>What compacting a database copies: each tree it keeps, with how its values move.</summary>
internal static class DbCompactionPlan
{
    /// <summary>
    /// The plan for a database whose newest header is <paramref name="header"/> (its revs limit applies);
    /// purge infos up to <paramref name="minimumPurgeSeq"/> are dropped.
    /// </summary>
    public static CompactionPlan For(DbHeader header, long minimumPurgeSeq) => new(
    [
        new CompactionTree<ReadOnlyMemory<byte>, DocInfo, IdReduction>(
            DbTree.ById, DbTrees.ByIdSpec, DocInfoRelocation.For(header.RevsLimit), r => r.DocCount + r.DelCount),
        new CompactionTree<long, SeqEntry, long>(DbTree.BySeq, DbTrees.BySeqSpec, count: n => n),
        new CompactionTree<ReadOnlyMemory<byte>, LocalDoc, NoReduction>(DbTree.Local, DbTrees.LocalSpec),
        new TrimmedPurgeTree(
            new CompactionTree<long, PurgeInfo, long>(DbTree.PurgeSeq, DbTrees.PurgeSeqSpec, count: n => n),
            minimumPurgeSeq),
    ]);
}
