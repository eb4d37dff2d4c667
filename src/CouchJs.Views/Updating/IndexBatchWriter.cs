using System.Text;
using CouchJs.Storage.BTrees;
using CouchJs.Views.Collation;
using CouchJs.Views.Index;

namespace CouchJs.Views.Updating;

/// <summary>
/// Applies mapped changes to an index version (couch_mrview_updater:write_kvs): one id-tree lookup for
/// the batch finds each document's old rows, which are removed; its new rows are inserted; the id
/// tree records the new rows. One bulk modify per tree, so each node on a changed path is rewritten
/// once per batch. Reductions (and JavaScript reduces with them) are computed as nodes are written.
/// </summary>
internal sealed class IndexBatchWriter(BTreeSpec<ViewKey, ReadOnlyMemory<byte>, ViewReduction>[] viewSpecs)
{
    public ViewIndexState Write(ViewIndexState state, IReadOnlyList<MappedDoc> docs)
    {
        long seq = state.UpdateSeq;
        var changed = new List<MappedDoc>(docs.Count);
        foreach (var doc in docs)
        {
            seq = Math.Max(seq, doc.Seq);
            if (doc.Rows is not null) changed.Add(doc);
        }
        if (changed.Count == 0) return state.WithSeqs(seq, state.PurgeSeq);

        var ids = new ReadOnlyMemory<byte>[changed.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = Encoding.UTF8.GetBytes(changed[i].Id);
        var idTree = state.IdTree;
        var old = idTree.Root is null ? null : idTree.Lookup(ids);

        var changes = new TreeChanges(viewSpecs.Length);
        for (int i = 0; i < changed.Count; i++)
        {
            var previous = old is not null && old[i].Found ? IdTreeEntry.Decode(old[i].Value) : [];
            foreach (var row in previous) changes.Removes[row.View].Add(new ViewKey(row.Key, ids[i], row.Dup));
            var emitted = AddRows(changes, changed[i].Rows!, ids[i]);
            if (emitted.Count > 0) changes.IdInserts.Add(new(ids[i], IdTreeEntry.Encode(emitted)));
            else if (previous.Length > 0) changes.IdRemoves.Add(ids[i]);
        }
        return Apply(state, changes, seq);
    }

    /// <summary>Removes the rows of documents purged from the database; returns the new version.</summary>
    public ViewIndexState Purge(ViewIndexState state, IReadOnlyList<string> docIds, long purgeSeq)
    {
        var idTree = state.IdTree;
        if (idTree.Root is null || docIds.Count == 0) return state.WithSeqs(state.UpdateSeq, purgeSeq);
        var ids = docIds.Distinct(StringComparer.Ordinal).Select(id => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(id)).ToArray();
        var found = idTree.Lookup(ids);
        var changes = new TreeChanges(viewSpecs.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            if (!found[i].Found) continue;
            foreach (var row in IdTreeEntry.Decode(found[i].Value)) changes.Removes[row.View].Add(new ViewKey(row.Key, ids[i], row.Dup));
            changes.IdRemoves.Add(ids[i]);
        }
        var purged = Apply(state, changes, state.UpdateSeq);
        return purged.WithSeqs(purged.UpdateSeq, purgeSeq);
    }

    /// <summary>
    /// Adds a document's rows with their emit counters: rows of one view with equal keys are numbered
    /// in Erlang term order of their values, as couch_mrview sorts a document's duplicate emits.
    /// </summary>
    private List<EmittedRow> AddRows(TreeChanges changes, MapRow[] rows, ReadOnlyMemory<byte> id)
    {
        var emitted = new List<EmittedRow>(rows.Length);
        if (rows.Length > 1)
        {
            Array.Sort(rows, (a, b) =>
            {
                if (a.View != b.View) return a.View.CompareTo(b.View);
                int c = Comparer(a.View).CompareKeys(a.Key.Span, b.Key.Span);
                return c != 0 ? c : ViewCollation.CompareRaw(a.Value.Span, b.Value.Span);
            });
        }
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            bool sameAsPrevious = i > 0 && rows[i - 1].View == row.View && Comparer(row.View).CompareKeys(rows[i - 1].Key.Span, row.Key.Span) == 0;
            int dup = sameAsPrevious ? emitted[^1].Dup + 1 : 0;
            changes.Inserts[row.View].Add(new(new ViewKey(row.Key, id, dup), row.Value));
            emitted.Add(new EmittedRow(row.View, row.Key, dup));
        }
        return emitted;
    }

    private ViewKeyComparer Comparer(int view) => (ViewKeyComparer)viewSpecs[view].Comparer;

    private ViewIndexState Apply(ViewIndexState state, TreeChanges changes, long seq)
    {
        var file = state.File;
        var idTree = state.IdTree.Modify(changes.IdInserts, changes.IdRemoves);
        var stored = new StoredRoot?[viewSpecs.Length];
        var roots = new BTreeRoot<ViewReduction>?[viewSpecs.Length];
        for (int v = 0; v < viewSpecs.Length; v++)
        {
            var tree = state.ViewTree(v, viewSpecs[v]);
            if (changes.Inserts[v].Count > 0 || changes.Removes[v].Count > 0) tree = tree.Modify(changes.Inserts[v], changes.Removes[v]);
            roots[v] = tree.Root;
            stored[v] = tree.ToStoredRoot();
        }
        var header = state.Header with { UpdateSeq = seq, IdRoot = idTree.ToStoredRoot(), ViewRoots = stored };
        return new ViewIndexState(file, header, roots);
    }

    private sealed class TreeChanges(int views)
    {
        public readonly List<KeyValuePair<ViewKey, ReadOnlyMemory<byte>>>[] Inserts = [.. Enumerable.Range(0, views).Select(_ => new List<KeyValuePair<ViewKey, ReadOnlyMemory<byte>>>())];
        public readonly List<ViewKey>[] Removes = [.. Enumerable.Range(0, views).Select(_ => new List<ViewKey>())];
        public readonly List<KeyValuePair<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>> IdInserts = [];
        public readonly List<ReadOnlyMemory<byte>> IdRemoves = [];
    }
}
