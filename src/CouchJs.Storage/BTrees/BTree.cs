using System.Runtime.CompilerServices;
using CouchJs.Storage.Encoding;
using CouchJs.Storage.Files;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.BTrees;

/// <summary>
/// A copy-on-write B+tree in a <see cref="CouchFile"/> (a port of couch_btree): an instance is one
/// immutable version, named by its root. Changes append new nodes and return a new version, so any
/// number of readers keep reading older versions while a writer works (MVCC by root pointer).
/// Inner nodes keep each child's reduction, so whole-tree and range reductions cost O(log n).
/// </summary>
public sealed partial class BTree<TKey, TValue, TRed>
{
    public BTree(CouchFile file, BTreeSpec<TKey, TValue, TRed> spec, BTreeRoot<TRed>? root = null)
    {
        File = file;
        Spec = spec;
        Root = root;
    }

    public CouchFile File { get; }

    public BTreeSpec<TKey, TValue, TRed> Spec { get; }

    /// <summary>The root node, or null for an empty tree.</summary>
    public BTreeRoot<TRed>? Root { get; }

    private IComparer<TKey> Comparer => Spec.Comparer;

    /// <summary>Opens the version a header recorded.</summary>
    public static BTree<TKey, TValue, TRed> Open(CouchFile file, BTreeSpec<TKey, TValue, TRed> spec, StoredRoot? stored)
    {
        if (stored is null) return new(file, spec);
        return new(file, spec, new BTreeRoot<TRed>(stored.Pointer, spec.ReductionCodec.FromBytes(stored.Reduction), stored.SubtreeSize));
    }

    /// <summary>This version as a header stores it.</summary>
    public StoredRoot? ToStoredRoot()
    {
        if (Root is not { } root) return null;
        return new StoredRoot(root.Pointer, root.SubtreeSize, Spec.ReductionCodec.ToBytes(root.Reduction));
    }

    /// <summary>The reduction of the whole tree: free, it is kept in the root.</summary>
    public TRed FullReduce() => Root is { } root ? root.Reduction : Spec.Reducer.Reduce([], []);

    /// <summary>Bytes on disk of the nodes this version reaches.</summary>
    public long SubtreeSize => Root?.SubtreeSize ?? 0;

    private BTreeNode<TKey, TValue, TRed> Load(long pointer)
    {
        if (File.Cache.TryGet(pointer, out object cached)) return (BTreeNode<TKey, TValue, TRed>)cached;
        return Loaded(pointer, File.ReadMemory(pointer));
    }

    /// <summary>Decodes the node read from <paramref name="pointer"/>; its payload must not be reused, the node keeps slices of it.</summary>
    private BTreeNode<TKey, TValue, TRed> Loaded(long pointer, ReadOnlyMemory<byte> payload)
    {
        var node = Decode(pointer, payload);
        // Inner nodes are few and on every path: keep them. Leaves are read once per visit, unless the
        // tree's readers come back to the same leaves (view queries: CacheLeaves).
        if (!node.IsLeaf || Spec.CacheLeaves) File.Cache.Add(pointer, node, MemoryBytes(node, payload.Length));
        return node;
    }

    /// <summary>
    /// What a decoded node holds in memory, for the cache's budget: its payload (keys and values are
    /// slices of it or decoded from it), the arrays over the entries and the objects' headers.
    /// </summary>
    private static int MemoryBytes(BTreeNode<TKey, TValue, TRed> node, int payloadLength)
    {
        const int ObjectOverhead = 24;
        int perEntry = Unsafe.SizeOf<TKey>() + (node.IsLeaf ? Unsafe.SizeOf<TValue>() : Unsafe.SizeOf<BTreeRoot<TRed>>());
        return 4 * ObjectOverhead + payloadLength + node.Count * perEntry;
    }

    private BTreeNode<TKey, TValue, TRed> Decode(long pointer, ReadOnlyMemory<byte> payload)
    {
        try
        {
            var reader = new BufferReader(payload);
            byte tag = reader.ReadByte();
            int count = checked((int)reader.ReadVarUInt());
            var keys = new TKey[count];
            if (tag == KvNodeTag)
            {
                var values = new TValue[count];
                for (int i = 0; i < count; i++)
                {
                    keys[i] = Spec.KeyCodec.Read(ref reader);
                    values[i] = Spec.ValueCodec.Read(ref reader);
                }
                return new(keys, values, null);
            }
            if (tag != KpNodeTag) throw new InvalidDataException($"unknown node tag {tag}");
            var children = new BTreeRoot<TRed>[count];
            for (int i = 0; i < count; i++)
            {
                keys[i] = Spec.KeyCodec.Read(ref reader);
                long child = (long)reader.ReadVarUInt();
                long size = (long)reader.ReadVarUInt();
                children[i] = new(child, Spec.ReductionCodec.Read(ref reader), size);
            }
            return new(keys, null, children);
        }
        catch (Exception e) when (IsDecodeError(e))
        {
            throw NotDecodable(pointer, e);
        }
    }

    /// <summary>What a damaged node throws while it is decoded (its checksum held, so a bug wrote it).</summary>
    private static bool IsDecodeError(Exception e) => e is InvalidDataException or OverflowException or IndexOutOfRangeException;

    private CorruptChunkException NotDecodable(long pointer, Exception e) =>
        new(File.Name, pointer, $"B+tree node does not decode ({e.Message})");

    /// <summary>First index whose key is ≥ <paramref name="key"/> (Count when none).</summary>
    private int LowerBound(TKey[] keys, TKey key)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Comparer.Compare(keys[mid], key) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>First index whose key is &gt; <paramref name="key"/> (Count when none).</summary>
    private int UpperBound(TKey[] keys, TKey key)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Comparer.Compare(keys[mid], key) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
