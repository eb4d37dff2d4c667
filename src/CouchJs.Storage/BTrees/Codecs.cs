using CouchJs.Storage.Encoding;

namespace CouchJs.Storage.BTrees;

/// <summary>Byte strings, length-prefixed; reads return slices of the node (no copy).</summary>
public sealed class BytesCodec : INodeCodec<ReadOnlyMemory<byte>>
{
    public static readonly BytesCodec Instance = new();

    public void Write(BufferWriter writer, ReadOnlyMemory<byte> value) => writer.WriteLengthPrefixed(value.Span);

    public ReadOnlyMemory<byte> Read(ref BufferReader reader) => reader.ReadLengthPrefixed();
}

/// <summary>Signed 64-bit integers as zigzag varints (sequence numbers, counts).</summary>
public sealed class Int64Codec : INodeCodec<long>
{
    public static readonly Int64Codec Instance = new();

    public void Write(BufferWriter writer, long value) => writer.WriteVarInt(value);

    public long Read(ref BufferReader reader) => reader.ReadVarInt();
}

/// <summary>Orders byte strings bytewise, as CouchDB orders document ids.</summary>
public sealed class BytewiseComparer : IComparer<ReadOnlyMemory<byte>>
{
    public static readonly BytewiseComparer Instance = new();

    public int Compare(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceCompareTo(y.Span);
}

/// <summary>The reduction of trees that keep none (the local-docs tree): nothing is stored.</summary>
public readonly record struct NoReduction
{
    public static readonly INodeCodec<NoReduction> Codec = new NoReductionCodec();

    private sealed class NoReductionCodec : INodeCodec<NoReduction>
    {
        public void Write(BufferWriter writer, NoReduction value)
        {
        }

        public NoReduction Read(ref BufferReader reader) => default;
    }
}

public sealed class NoReducer<TKey, TValue> : IReducer<TKey, TValue, NoReduction>
{
    public static readonly NoReducer<TKey, TValue> Instance = new();

    public NoReduction Reduce(ReadOnlySpan<TKey> keys, ReadOnlySpan<TValue> values) => default;

    public NoReduction Rereduce(ReadOnlySpan<NoReduction> reductions) => default;
}

/// <summary>Counts entries: the by-seq tree's reduction, and what range counts (offsets) use.</summary>
public sealed class CountReducer<TKey, TValue> : IReducer<TKey, TValue, long>
{
    public static readonly CountReducer<TKey, TValue> Instance = new();

    public long Reduce(ReadOnlySpan<TKey> keys, ReadOnlySpan<TValue> values) => keys.Length;

    public long Rereduce(ReadOnlySpan<long> reductions)
    {
        long total = 0;
        foreach (long r in reductions) total += r;
        return total;
    }
}
