using CouchJs.Storage.Encoding;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.BTrees;

// Point reads in a leaf's payload as it was read, in a pooled buffer: no node, no arrays, no copy of
// the whole leaf. Only the values found are copied out, each into an array of its own.
public sealed partial class BTree<TKey, TValue, TRed>
{
    /// <summary>Finds <paramref name="key"/> in a leaf's payload held in a buffer about to be reused.</summary>
    private bool SearchLeaf(long pointer, ReadOnlyMemory<byte> payload, TKey key, out TValue value)
    {
        value = default!;
        try
        {
            var reader = LeafReader(payload, out int count);
            for (int i = 0; i < count; i++)
            {
                int c = Comparer.Compare(Spec.KeyCodec.Read(ref reader), key);
                if (c > 0) return false;
                int start = reader.Position;
                Spec.ValueCodec.Read(ref reader);
                if (c < 0) continue;
                value = OwnValue(payload[start..reader.Position]);
                return true;
            }
            return false;
        }
        catch (Exception e) when (IsDecodeError(e))
        {
            throw NotDecodable(pointer, e);
        }
    }

    /// <summary>Answers the keys <paramref name="order"/> names (sorted) from a leaf's payload held in a buffer about to be reused.</summary>
    private void LookupLeaf(long pointer, ReadOnlyMemory<byte> payload, IReadOnlyList<TKey> keys, ReadOnlySpan<int> order, (bool, TValue)[] results)
    {
        try
        {
            var reader = LeafReader(payload, out int count);
            int next = 0;
            for (int i = 0; i < count && next < order.Length; i++)
            {
                var entryKey = Spec.KeyCodec.Read(ref reader);
                int start = reader.Position;
                Spec.ValueCodec.Read(ref reader);
                // Wanted keys before this entry's are missing; those equal to it (repeats) are found.
                while (next < order.Length && Comparer.Compare(keys[order[next]], entryKey) < 0) next++;
                int first = next;
                while (next < order.Length && Comparer.Compare(keys[order[next]], entryKey) == 0) next++;
                if (next == first) continue;
                var value = OwnValue(payload[start..reader.Position]);
                for (int k = first; k < next; k++) results[order[k]] = (true, value);
            }
        }
        catch (Exception e) when (IsDecodeError(e))
        {
            throw NotDecodable(pointer, e);
        }
    }

    private static BufferReader LeafReader(ReadOnlyMemory<byte> payload, out int count)
    {
        var reader = new BufferReader(payload);
        if (reader.ReadByte() != KvNodeTag) throw new InvalidDataException("node is neither a leaf nor an inner node");
        count = checked((int)reader.ReadVarUInt());
        return reader;
    }

    /// <summary>A value decoded again from a copy of its own bytes: what a codec returns may be slices of them.</summary>
    private TValue OwnValue(ReadOnlyMemory<byte> encoded)
    {
        var reader = new BufferReader(encoded.ToArray());
        return Spec.ValueCodec.Read(ref reader);
    }
}
