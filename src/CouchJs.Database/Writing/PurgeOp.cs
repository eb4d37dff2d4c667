using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Database.Trees;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Database;

namespace CouchJs.Database.Writing;

/// <summary>One document's part of a purge: the leaf revisions to remove.</summary>
public sealed record PurgeRequest(string Id, IReadOnlyList<Rev> Revs);

/// <summary>
/// Purges leaf revisions (couch_db_updater:purge_docs): each request removes the given leaves and
/// every ancestor no other leaf needs; a document left without leaves is gone from by-id and by-seq,
/// one that keeps some moves to a new seq (one seq per remaining leaf, as CouchDB relabels them).
/// Every request is recorded in the purge-seq tree, purged or not, and the update seq moves at least
/// one step so indexers notice. Returns the revisions each request removed, sorted.
/// </summary>
internal sealed class PurgeOp(IReadOnlyList<PurgeRequest> requests) : WriteOp<Rev[][]>
{
    public override IEnumerable<string> DocIds => requests.Select(r => r.Id);

    protected override Rev[][] Run(WriteBatch batch)
    {
        var results = new Rev[requests.Count][];
        bool relabeled = false;
        var infos = new List<KeyValuePair<long, PurgeInfo>>(requests.Count);
        long purgeSeq = batch.Header.PurgeSeq;
        for (int i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            results[i] = Purge(batch, request, ref relabeled);
            infos.Add(new(++purgeSeq, new PurgeInfo(purgeSeq, Guid.NewGuid().ToString("N"), request.Id, [.. request.Revs.Select(r => r.ToString())])));
        }
        var tree = BTree<long, PurgeInfo, long>.Open(batch.File, DbTrees.PurgeSeqSpec, batch.Header.Root(DbTree.PurgeSeq)).Modify(infos);
        batch.Header = batch.Header.WithRoot(DbTree.PurgeSeq, tree.ToStoredRoot()) with
        {
            PurgeSeq = purgeSeq,
            UpdateSeq = relabeled ? batch.Header.UpdateSeq : batch.Header.UpdateSeq + 1,
        };
        batch.HeaderChanged();
        return results;
    }

    private static Rev[] Purge(WriteBatch batch, PurgeRequest request, ref bool relabeled)
    {
        var info = batch.Get(request.Id);
        if (info is null) return [];
        var removed = new List<Rev>();
        foreach (var rev in request.Revs)
            if (!removed.Contains(rev) && info.Tree.IsLeaf(rev)) removed.Add(rev);
        if (removed.Count == 0) return [];
        info.Tree.RemoveLeaves(removed);
        if (info.Tree.IsEmpty)
        {
            batch.Removed(request.Id);
        }
        else
        {
            // The batch gives the document one new seq; CouchDB spends one per remaining leaf.
            var remaining = info.Tree.Leaves();
            batch.Header = batch.Header with { UpdateSeq = batch.Header.UpdateSeq + remaining.Count - 1 };
            foreach (var leaf in remaining) batch.Changed(info, leaf.Value);
            relabeled = true;
        }
        removed.Sort();
        return [.. removed];
    }
}
