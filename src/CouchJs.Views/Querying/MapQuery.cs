using CouchJs.Storage.BTrees;
using CouchJs.Views.Design;
using CouchJs.Views.Index;

namespace CouchJs.Views.Querying;

/// <summary>
/// A map query's rows (couch_mrview:map_fold): one fold per range, <c>skip</c> rows passed over first,
/// then up to <c>limit</c> rows. <see cref="Offset"/> is CouchDB's: the rows before the first row
/// returned, in the fold's direction; with no row to return, the rows up to where the last fold
/// stopped (all of them when it ran off the end). Both come from stored counts, O(log n).
/// </summary>
public sealed class MapQuery
{
    private readonly BTree<ViewKey, ReadOnlyMemory<byte>, ViewReduction> _tree;
    private readonly ViewQuery _query;
    private readonly IReadOnlyList<KeyRange<ViewKey>> _ranges;
    private readonly IEnumerator<KeyValuePair<ViewKey, ReadOnlyMemory<byte>>> _rows;
    private readonly bool _hasFirst;

    internal MapQuery(ViewIndexState state, ViewDefinition view, ViewQuery query)
    {
        _tree = state.ViewTree(view.Index, ViewTreeSpecs.Counting(view.RawCollation));
        _query = query;
        _ranges = ViewRanges.For(query);
        TotalRows = _tree.FullReduce().Count;
        _rows = Skipped(query.Skip).GetEnumerator();
        _hasFirst = _rows.MoveNext();
        // An empty `keys` folds nothing: CouchDB counts no reductions, offset 0.
        Offset = _hasFirst ? CountBefore(_rows.Current.Key) : _ranges.Count == 0 ? 0 : CountThroughEnd(_ranges[^1]);
    }

    public long TotalRows { get; }

    public long Offset { get; }

    /// <summary>The rows to return, in order; lazy (nodes are read as the caller advances).</summary>
    public IEnumerable<KeyValuePair<ViewKey, ReadOnlyMemory<byte>>> Rows()
    {
        if (!_hasFirst) yield break;
        long limit = _query.Limit;
        if (limit <= 0) yield break;
        do
        {
            yield return _rows.Current;
        }
        while (--limit > 0 && _rows.MoveNext());
    }

    private IEnumerable<KeyValuePair<ViewKey, ReadOnlyMemory<byte>>> Skipped(long skip)
    {
        foreach (var range in _ranges)
        {
            var rows = _tree.Enumerate(range, _query.Descending);
            foreach (var row in _query.Descending ? DuplicatesAscending(rows) : rows)
            {
                if (skip > 0)
                {
                    skip--;
                    continue;
                }
                yield return row;
            }
        }
    }

    /// <summary>
    /// couch_mrview keeps a document's emits of one key as one <c>{dups, Values}</c> entry and expands
    /// it in ascending value order whichever way the fold runs. A descending walk meets such rows highest
    /// counter first (the first one met tells how many follow), so each run is turned back.
    /// </summary>
    private static IEnumerable<KeyValuePair<ViewKey, ReadOnlyMemory<byte>>> DuplicatesAscending(IEnumerable<KeyValuePair<ViewKey, ReadOnlyMemory<byte>>> rows)
    {
        List<KeyValuePair<ViewKey, ReadOnlyMemory<byte>>>? run = null;
        foreach (var row in rows)
        {
            if (run is null)
            {
                if (row.Key.Dup == 0)
                {
                    yield return row;
                    continue;
                }
                run = new List<KeyValuePair<ViewKey, ReadOnlyMemory<byte>>>(row.Key.Dup + 1);
            }
            run.Add(row);
            if (row.Key.Dup != 0) continue;
            for (int i = run.Count - 1; i >= 0; i--) yield return run[i];
            run = null;
        }
        if (run is not null)
            for (int i = run.Count - 1; i >= 0; i--) yield return run[i];
    }

    // Offsets count whole {dups, Values} entries, as couch_mrview's reductions before the entry do.
    private long CountBefore(ViewKey key) => _query.Descending
        ? TotalRows - _tree.Reduce(KeyRange<ViewKey>.To(new ViewKey(key.Key, key.DocId, ViewKey.MaxDup), inclusiveEnd: true)).Count
        : _tree.Reduce(KeyRange<ViewKey>.To(new ViewKey(key.Key, key.DocId, 0), inclusiveEnd: false)).Count;

    private long CountThroughEnd(in KeyRange<ViewKey> range)
    {
        if (!range.HasEnd) return TotalRows;
        return _query.Descending
            ? TotalRows - _tree.Reduce(KeyRange<ViewKey>.To(range.End, inclusiveEnd: !range.InclusiveEnd)).Count
            : _tree.Reduce(KeyRange<ViewKey>.To(range.End, range.InclusiveEnd)).Count;
    }
}
