using CouchJs.Storage.BTrees;
using CouchJs.Storage.Encoding;

namespace CouchJs.Views.Index;

/// <summary>
/// A row's place in a view tree: the emitted key (minified JSON), the emitting document's id (UTF-8)
/// and which of that document's emits of an equal key it is. The counter keeps tree keys unique
/// when a document emits one key twice (couch_mrview stores such rows as <c>{dups, Values}</c>).
/// Keys and ids read from a node are slices of it.
/// </summary>
public readonly struct ViewKey(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> docId, int dup)
{
    /// <summary>Above every counter a document can reach: a bound that takes all of a (key, id) pair's rows.</summary>
    public const int MaxDup = int.MaxValue;

    public ReadOnlyMemory<byte> Key { get; } = key;

    public ReadOnlyMemory<byte> DocId { get; } = docId;

    public int Dup { get; } = dup;
}

/// <summary>View order: keys by collation (or raw Erlang term order), then doc ids bytewise, then the emit counter.</summary>
public sealed class ViewKeyComparer : IComparer<ViewKey>
{
    public static readonly ViewKeyComparer Collated = new(raw: false);
    public static readonly ViewKeyComparer Raw = new(raw: true);

    private readonly bool _raw;

    private ViewKeyComparer(bool raw) => _raw = raw;

    public static ViewKeyComparer For(bool raw) => raw ? Raw : Collated;

    /// <summary>Compares emitted keys only.</summary>
    public int CompareKeys(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        _raw ? Collation.ViewCollation.CompareRaw(a, b) : Collation.ViewCollation.Compare(a, b);

    public int Compare(ViewKey x, ViewKey y)
    {
        int c = CompareKeys(x.Key.Span, y.Key.Span);
        if (c != 0) return c;
        c = x.DocId.Span.SequenceCompareTo(y.DocId.Span);
        return c != 0 ? c : x.Dup.CompareTo(y.Dup);
    }
}

/// <summary>Key, then id, length-prefixed, then the counter as a varint.</summary>
public sealed class ViewKeyCodec : INodeCodec<ViewKey>
{
    public static readonly ViewKeyCodec Instance = new();

    public void Write(BufferWriter writer, ViewKey value)
    {
        writer.WriteLengthPrefixed(value.Key.Span);
        writer.WriteLengthPrefixed(value.DocId.Span);
        writer.WriteVarUInt((ulong)value.Dup);
    }

    public ViewKey Read(ref BufferReader reader)
    {
        var key = reader.ReadLengthPrefixed();
        var docId = reader.ReadLengthPrefixed();
        return new ViewKey(key, docId, checked((int)reader.ReadVarUInt()));
    }
}
