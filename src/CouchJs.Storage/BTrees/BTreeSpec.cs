using CouchJs.Storage.Encoding;
using CouchJs.Storage.Format;

namespace CouchJs.Storage.BTrees;

/// <summary>Writes and reads one kind of value inside a node.</summary>
public interface INodeCodec<T>
{
    void Write(BufferWriter writer, T value);

    T Read(ref BufferReader reader);
}

/// <summary>Whole values as byte arrays, for what stores them outside nodes (headers, checkpoints).</summary>
public static class NodeCodecExtensions
{
    public static byte[] ToBytes<T>(this INodeCodec<T> codec, T value)
    {
        var writer = new BufferWriter(64);
        codec.Write(writer, value);
        return writer.ToArray();
    }

    public static T FromBytes<T>(this INodeCodec<T> codec, ReadOnlyMemory<byte> bytes)
    {
        var reader = new BufferReader(bytes);
        return codec.Read(ref reader);
    }
}

/// <summary>
/// The reduction kept for every subtree: reduce over a leaf's entries, rereduce over child reductions
/// (couch_btree's reduce function). Reductions of disjoint runs must combine in any grouping.
/// </summary>
public interface IReducer<TKey, TValue, TRed>
{
    TRed Reduce(ReadOnlySpan<TKey> keys, ReadOnlySpan<TValue> values);

    TRed Rereduce(ReadOnlySpan<TRed> reductions);
}

/// <summary>Everything that makes a tree of one shape: order, encodings, reduction, node size.</summary>
public sealed record BTreeSpec<TKey, TValue, TRed>(
    IComparer<TKey> Comparer,
    INodeCodec<TKey> KeyCodec,
    INodeCodec<TValue> ValueCodec,
    INodeCodec<TRed> ReductionCodec,
    IReducer<TKey, TValue, TRed> Reducer)
{
    /// <summary>Encoded size at which nodes split (btree_chunk_size).</summary>
    public int ChunkSize { get; init; } = StorageConstants.BtreeChunkSize;

    /// <summary>Leaves read through this spec stay in the node cache too (inner nodes always do).</summary>
    public bool CacheLeaves { get; init; }
}

/// <summary>A subtree: where its root node is, its reduction and its bytes on disk (couch_btree's {Ptr, Red, Size}).</summary>
public readonly record struct BTreeRoot<TRed>(long Pointer, TRed Reduction, long SubtreeSize);

/// <summary>A tree root as a header stores it: the reduction kept encoded, decoded by the tree's codec.</summary>
public sealed record StoredRoot(long Pointer, long SubtreeSize, byte[] Reduction)
{
    /// <summary>Writes a root (or its absence) in the form every header record uses.</summary>
    public static void Write(BufferWriter w, StoredRoot? root)
    {
        if (root is null)
        {
            w.WriteByte(0);
            return;
        }
        w.WriteByte(1);
        w.WriteVarUInt((ulong)root.Pointer);
        w.WriteVarUInt((ulong)root.SubtreeSize);
        w.WriteLengthPrefixed(root.Reduction);
    }

    public static StoredRoot? Read(ref BufferReader r)
    {
        if (r.ReadByte() == 0) return null;
        return new StoredRoot((long)r.ReadVarUInt(), (long)r.ReadVarUInt(), r.ReadLengthPrefixed().ToArray());
    }
}
