using System.Text;
using CouchJs.Database;
using CouchJs.Storage.BTrees;
using CouchJs.Views.Index;

namespace CouchJs.Views.Querying;

/// <summary>
/// Turns a query's keys and doc ids into tree ranges (couch_mrview_util:key_opts). A doc id bound
/// only applies with its key; defaults sit below or above every id (<c>&lt;&lt;&gt;&gt;</c> and
/// <c>&lt;&lt;255&gt;&gt;</c>), and the emit counter makes a bound take all of a (key, id) pair's rows
/// or none of them. With inclusive_end=false the end leaves out the end key entirely, as CouchDB's
/// <c>end_key_gt</c> does (also for each key of <c>keys</c>).
/// </summary>
public static class ViewRanges
{
    private static readonly byte[] LowestId = [];
    private static readonly byte[] HighestId = [0xFF];

    /// <summary>The folds a map or grouped query makes: one per key of <c>keys</c>, else one.</summary>
    public static IReadOnlyList<KeyRange<ViewKey>> For(ViewQuery query)
    {
        if (query.Keys is not { } keys) return [Range(query.StartKey, query.EndKey, query)];
        var ranges = new KeyRange<ViewKey>[keys.Count];
        for (int i = 0; i < ranges.Length; i++) ranges[i] = Range(keys[i], keys[i], query);
        return ranges;
    }

    private static KeyRange<ViewKey> Range(ReadOnlyMemory<byte>? startKey, ReadOnlyMemory<byte>? endKey, ViewQuery q)
    {
        bool desc = q.Descending;
        bool hasStart = startKey is not null, hasEnd = endKey is not null;
        ViewKey start = default, end = default;
        if (startKey is { } sk)
            start = new ViewKey(sk, Id(q.StartKeyDocId) ?? (desc ? HighestId : LowestId), desc ? ViewKey.MaxDup : 0);
        if (endKey is { } ek)
        {
            var id = Id(q.EndKeyDocId);
            // Going up, an inclusive end takes the id's last row and an exclusive one stops before its first; going down, the reverse.
            bool takesAll = q.InclusiveEnd != desc;
            end = q.InclusiveEnd
                ? new ViewKey(ek, id ?? (desc ? LowestId : HighestId), takesAll ? ViewKey.MaxDup : 0)
                : new ViewKey(ek, id ?? (desc ? HighestId : LowestId), takesAll ? ViewKey.MaxDup : 0);
        }
        return new KeyRange<ViewKey>(hasStart, start, hasEnd, end, q.InclusiveEnd);
    }

    /// <summary>
    /// couch_mrview_util:check_range: a start after the end (in the fold's direction) matches nothing
    /// and is an error; identical start and end keys are always allowed.
    /// </summary>
    public static void Check(ViewQuery q, ViewKeyComparer comparer)
    {
        if (q.Keys is not null || q.StartKey is not { } sk || q.EndKey is not { } ek) return;
        if (sk.Span.SequenceEqual(ek.Span)) return;
        var start = new ViewKey(sk, Id(q.StartKeyDocId) ?? (q.Descending ? HighestId : LowestId), 0);
        var end = new ViewKey(ek, Id(q.EndKeyDocId) ?? (q.Descending ? LowestId : HighestId), 0);
        bool less = comparer.Compare(start, end) < 0;
        if (!q.Descending && !less)
            throw new CouchException(400, "query_parse_error", "No rows can match your key range, reverse your start_key and end_key or set descending=true");
        if (q.Descending && less)
            throw new CouchException(400, "query_parse_error", "No rows can match your key range, reverse your start_key and end_key or set descending=false");
    }

    private static byte[]? Id(string? docId) => docId is null ? null : Encoding.UTF8.GetBytes(docId);
}
