using CouchJs.Database;

namespace CouchJs.Views.Engine;

// POST /{db}/_view_cleanup (couch_mrview_cleanup): index files whose signature no current design
// document has are closed and deleted, compaction leftovers with them, and so are their purge checkpoints.
public sealed partial class ViewEngine
{
    public Task Cleanup(CouchDatabase db) => Task.Run(async () =>
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in DesignIds(db))
            if (Lookup(db, id).Doc is { } design) keep.Add(design.Signature);

        List<ViewIndex> closing;
        lock (_lock)
        {
            closing = [.. _indexes.Where(e => e.Key.Db == db.Name && !keep.Contains(e.Key.Signature)).Select(e => e.Value)];
            foreach (var index in closing) _indexes.TryRemove((db.Name, index.Signature), out _);
        }
        foreach (var index in closing) await index.DisposeAsync().ConfigureAwait(false);

        List<(string Id, long Rev)> stale;
        using (var reader = db.OpenReader())
        {
            stale = [.. reader.LocalDocsStartingWith(PurgeCheckpoint.Prefix)
                .Where(doc => !keep.Contains(doc.Id[PurgeCheckpoint.Prefix.Length..]))
                .Select(doc => (doc.Id, doc.Rev))];
        }
        foreach (var (id, rev) in stale) await db.UpdateLocal(id, "0-" + rev, delete: true, "{}"u8.ToArray()).ConfigureAwait(false);

        var directory = _directories.For(db.Name);
        foreach (string file in _directories.Files(db.Name))
        {
            string signature = file.Split('.')[0];
            if (!keep.Contains(signature) && directory.Exists(file)) directory.Delete(file);
        }
    });
}
