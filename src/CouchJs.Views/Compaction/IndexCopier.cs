using CouchJs.Database.Tasks;
using CouchJs.Storage.BTrees;
using CouchJs.Views.Index;

namespace CouchJs.Views.Compaction;

/// <summary>
/// Copies an index version's live trees into a fresh file (couch_mrview_compactor): entries are read
/// in order and appended in sorted chunks, so the new trees hold only reachable rows, densely packed.
/// View reductions are computed again as the new nodes are written.
/// </summary>
internal static class IndexCopier
{
    private const int ChunkEntries = 4096;

    public static ViewIndexState Copy(ViewIndexState source, ViewFile target,
        BTreeSpec<ViewKey, ReadOnlyMemory<byte>, ViewReduction>[] viewSpecs, ActiveTask task, CancellationToken cancel)
    {
        long total = 0, done = 0;
        for (int v = 0; v < source.ViewCount; v++) total += source.ViewRoot(v)?.Reduction.Count ?? 0;
        task.Report("", 0, total);

        var idTree = CopyTree(source.IdTree.Enumerate(),
            BTree<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, NoReduction>.Open(target.File, ViewTreeSpecs.Id, null), _ => { }, cancel);
        var stored = new StoredRoot?[source.ViewCount];
        var roots = new BTreeRoot<ViewReduction>?[source.ViewCount];
        for (int v = 0; v < source.ViewCount; v++)
        {
            var from = source.ViewTree(v, viewSpecs[v]);
            var to = CopyTree(from.Enumerate(), new BTree<ViewKey, ReadOnlyMemory<byte>, ViewReduction>(target.File, viewSpecs[v]), copied =>
            {
                done += copied;
                task.Report("", done, total);
            }, cancel);
            roots[v] = to.Root;
            stored[v] = to.ToStoredRoot();
        }
        var header = source.Header with { IdRoot = idTree.ToStoredRoot(), ViewRoots = stored };
        target.File.Commit(header.Encode());
        return new ViewIndexState(target, header, roots);
    }

    private static BTree<TKey, TValue, TRed> CopyTree<TKey, TValue, TRed>(
        IEnumerable<KeyValuePair<TKey, TValue>> entries, BTree<TKey, TValue, TRed> target, Action<int> copied, CancellationToken cancel)
    {
        var chunk = new List<KeyValuePair<TKey, TValue>>(ChunkEntries);
        foreach (var entry in entries)
        {
            chunk.Add(entry);
            if (chunk.Count < ChunkEntries) continue;
            cancel.ThrowIfCancellationRequested();
            target = target.Modify(chunk);
            copied(chunk.Count);
            chunk.Clear();
        }
        if (chunk.Count > 0)
        {
            target = target.Modify(chunk);
            copied(chunk.Count);
        }
        return target;
    }
}
