using CouchJs.Database.Model;

namespace CouchJs.Database.Changes;

/// <summary>
/// <c>_doc_ids</c>: changes of the listed documents. Short lists are looked up by id (a repeated id
/// is reported twice, as CouchDB does); long ones filter the by-seq fold
/// (<c>[couchdb] changes_doc_ids_optimization_threshold</c>).
/// </summary>
internal sealed class DocIdsFilter(IReadOnlyList<string> ids, int lookupLimit) : ChangesFilter
{
    private readonly HashSet<string> _set = new(ids, StringComparer.Ordinal);

    internal override IEnumerable<DocInfo>? Lookup(DbReader reader)
    {
        if (ids.Count > lookupLimit) return null;
        var found = new List<DocInfo>(ids.Count);
        foreach (var info in reader.Get(ids))
            if (info is not null) found.Add(info);
        return found;
    }

    internal override ReadOnlyMemory<SeqLeaf> Select(DbReader reader, SeqEntry entry, ChangesStyle style, ref DocInfo? info) =>
        _set.Contains(entry.Id) ? ApplyStyle(entry, style) : ReadOnlyMemory<SeqLeaf>.Empty;
}
