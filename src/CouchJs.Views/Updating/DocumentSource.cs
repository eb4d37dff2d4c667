using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Views.Design;

namespace CouchJs.Views.Updating;

/// <summary>
/// Reads the changes an index has not seen, from one database snapshot, in batches (couch_index_updater):
/// each document at its latest seq, live ones opened at their winning revision as the map functions
/// see it — with <c>_conflicts</c>, <c>_deleted_conflicts</c> (and <c>_local_seq</c> when the design
/// asks), attachments as stubs. Design documents are skipped unless <c>include_design</c>.
/// </summary>
internal sealed class DocumentSource(DbReader reader, DesignOptions design, int batchSize)
{
    private const string DesignPrefix = "_design/";

    private readonly DocRenderOptions _render = new() { Conflicts = true, DeletedConflicts = true, LocalSeq = design.LocalSeq };

    /// <summary>Changes after <paramref name="since"/> not yet seen, how many (for progress), in O(log n).</summary>
    public long CountSince(long since) => reader.Trees.BySeq.Reduce(Storage.BTrees.KeyRange<long>.From(since + 1));

    public IEnumerable<List<PendingDoc>> Batches(long since)
    {
        var changes = new List<(long Seq, SeqEntry Entry)>(batchSize);
        foreach (var (seq, entry) in reader.Changes(since, descending: false))
        {
            changes.Add((seq, entry));
            if (changes.Count < batchSize) continue;
            yield return Load(changes);
            changes.Clear();
        }
        if (changes.Count > 0) yield return Load(changes);
    }

    private List<PendingDoc> Load(List<(long Seq, SeqEntry Entry)> changes)
    {
        var live = new List<string>(changes.Count);
        foreach (var (_, entry) in changes)
            if (Kind(entry) == PendingKind.Map) live.Add(entry.Id);
        var infos = reader.Get(live);
        var batch = new List<PendingDoc>(changes.Count);
        int next = 0;
        foreach (var (seq, entry) in changes)
        {
            var kind = Kind(entry);
            if (kind != PendingKind.Map)
            {
                batch.Add(new PendingDoc(entry.Id, seq, kind, null));
                continue;
            }
            // The snapshot's by-id entry agrees with its by-seq entry; a missing one would be a damaged file.
            var info = infos[next++] ?? throw new InvalidDataException($"document '{entry.Id}' is in by-seq but not in by-id");
            batch.Add(new PendingDoc(entry.Id, seq, PendingKind.Map, DocJsonWriter.Render(reader, info, info.Winner, _render)));
        }
        return batch;
    }

    private PendingKind Kind(SeqEntry entry)
    {
        if (!design.IncludeDesign && entry.Id.StartsWith(DesignPrefix, StringComparison.Ordinal)) return PendingKind.Skip;
        return entry.Deleted ? PendingKind.Remove : PendingKind.Map;
    }
}
