using CouchJs.Storage.Encoding;

namespace CouchJs.Views.Index;

/// <summary>One row a document put in a view tree, as the id tree remembers it to remove it later.</summary>
public readonly record struct EmittedRow(int View, ReadOnlyMemory<byte> Key, int Dup);

/// <summary>
/// The id tree's value (couch_mrview's <c>DocId → [{ViewId, Key}]</c>): every row the document's
/// current revision emitted, so a change or deletion removes exactly those. Layout: count, then per
/// row the view slot, the key (length-prefixed) and the emit counter.
/// </summary>
public static class IdTreeEntry
{
    public static byte[] Encode(IReadOnlyList<EmittedRow> rows)
    {
        var w = new BufferWriter(16 + rows.Count * 24);
        w.WriteVarUInt((ulong)rows.Count);
        foreach (var row in rows)
        {
            w.WriteVarUInt((ulong)row.View);
            w.WriteLengthPrefixed(row.Key.Span);
            w.WriteVarUInt((ulong)row.Dup);
        }
        return w.ToArray();
    }

    public static EmittedRow[] Decode(ReadOnlyMemory<byte> value)
    {
        var r = new BufferReader(value);
        var rows = new EmittedRow[checked((int)r.ReadVarUInt())];
        for (int i = 0; i < rows.Length; i++)
        {
            int view = checked((int)r.ReadVarUInt());
            var key = r.ReadLengthPrefixed();
            rows[i] = new EmittedRow(view, key, checked((int)r.ReadVarUInt()));
        }
        return rows;
    }
}
