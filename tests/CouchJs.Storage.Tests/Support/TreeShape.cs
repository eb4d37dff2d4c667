using CouchJs.Storage.BTrees;
using CouchJs.Storage.Compression;
using CouchJs.Storage.Encoding;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Tests.Support;

/// <summary>
/// Checks a tree's structure by reading every node it reaches straight from the file (not through
/// the node cache, so what was encoded is what is checked): keys strictly ascending within and
/// across nodes, every leaf at the same depth, no empty node, an inner node's key for a child equal
/// to the child's last key, stored reductions equal to reductions recomputed from the leaves, stored
/// subtree sizes equal to the bytes the nodes take on disk, children written before their parents,
/// and no node much over the chunk size. Assumes the file wrote every node with its current compression.
/// </summary>
public static class TreeShape
{
    public readonly record struct Info(int Height, int Nodes, int Entries);

    public static Info Check<TKey, TValue, TRed>(BTree<TKey, TValue, TRed> tree)
    {
        if (tree.Root is not { } root)
        {
            Assert.Equal(0, tree.SubtreeSize);
            return new(0, 0, 0);
        }
        var walk = new Walk<TKey, TValue, TRed>(tree);
        var top = walk.Visit(root.Pointer, depth: 1);
        Assert.True(EqualityComparer<TRed>.Default.Equals(root.Reduction, top.Reduction),
            $"root reduction {root.Reduction} but its leaves reduce to {top.Reduction}");
        Assert.True(root.SubtreeSize == top.SubtreeSize, $"root subtree size {root.SubtreeSize}, its nodes take {top.SubtreeSize} bytes");
        return new(walk.LeafDepth, walk.Nodes, walk.Entries);
    }

    /// <summary>
    /// Bytes a node's chunk takes in the file: its prefix and stored (compressed, tagged) payload, plus
    /// the marker byte at each block start it covers.
    /// </summary>
    public static long StoredSize(FileCompression compression, long position, byte[] payload)
    {
        byte[] scratch = new byte[payload.Length + 64];
        long remaining = ChunkPrefixSize + ChunkCompressor.Encode(compression, payload, ref scratch, 0);
        long at = position;
        while (remaining > 0)
        {
            if (at % BlockSize == 0) at++;
            long run = Math.Min(remaining, BlockSize - at % BlockSize);
            at += run;
            remaining -= run;
        }
        return at - position;
    }

    private sealed class Walk<TKey, TValue, TRed>(BTree<TKey, TValue, TRed> tree)
    {
        private readonly BTreeSpec<TKey, TValue, TRed> _spec = tree.Spec;
        private bool _hasPrevious;
        private TKey _previous = default!;
        public int LeafDepth = -1, Nodes, Entries;

        public (TKey Last, TRed Reduction, long SubtreeSize) Visit(long pointer, int depth)
        {
            Nodes++;
            byte[] payload = tree.File.Read(pointer);
            long subtreeSize = StoredSize(tree.File.Options.Compression, pointer, payload);
            var reader = new BufferReader(payload);
            byte tag = reader.ReadByte();
            int count = checked((int)reader.ReadVarUInt());
            Assert.True(count > 0, $"node at {pointer} is empty");
            int start = reader.Position, maxEntry = 0;
            var keys = new TKey[count];
            TRed reduction;
            if (tag == KvNodeTag)
            {
                if (LeafDepth < 0) LeafDepth = depth;
                Assert.True(LeafDepth == depth, $"leaf at {pointer} is at depth {depth}, another at {LeafDepth}");
                var values = new TValue[count];
                for (int i = 0; i < count; i++)
                {
                    int entryStart = reader.Position;
                    keys[i] = _spec.KeyCodec.Read(ref reader);
                    values[i] = _spec.ValueCodec.Read(ref reader);
                    maxEntry = Math.Max(maxEntry, reader.Position - entryStart);
                    if (_hasPrevious)
                        Assert.True(_spec.Comparer.Compare(_previous, keys[i]) < 0, $"key {keys[i]} follows {_previous}");
                    (_hasPrevious, _previous) = (true, keys[i]);
                }
                Entries += count;
                reduction = _spec.Reducer.Reduce(keys, values);
            }
            else
            {
                Assert.True(tag == KpNodeTag, $"node at {pointer} has tag {tag}");
                var reductions = new TRed[count];
                for (int i = 0; i < count; i++)
                {
                    int entryStart = reader.Position;
                    keys[i] = _spec.KeyCodec.Read(ref reader);
                    long child = (long)reader.ReadVarUInt();
                    long size = (long)reader.ReadVarUInt();
                    reductions[i] = _spec.ReductionCodec.Read(ref reader);
                    maxEntry = Math.Max(maxEntry, reader.Position - entryStart);
                    Assert.True(child < pointer, $"node at {pointer} points forward to {child}");

                    var (last, childReduction, childSize) = Visit(child, depth + 1);
                    Assert.True(_spec.Comparer.Compare(last, keys[i]) == 0,
                        $"node at {pointer} names child {child} by key {keys[i]}, but its last key is {last}");
                    Assert.True(EqualityComparer<TRed>.Default.Equals(reductions[i], childReduction),
                        $"node at {pointer} keeps reduction {reductions[i]} for child {child}, which reduces to {childReduction}");
                    Assert.True(size == childSize, $"node at {pointer} keeps subtree size {size} for child {child}, whose nodes take {childSize} bytes");
                    subtreeSize += size;
                }
                reduction = _spec.Reducer.Rereduce(reductions);
            }
            Assert.True(reader.AtEnd, $"node at {pointer} has bytes after its {count} entries");
            int entryBytes = reader.Position - start;
            // Chunks close on the entry that crosses a share of at most the chunk size.
            Assert.True(entryBytes <= _spec.ChunkSize + 2 * maxEntry,
                $"node at {pointer} holds {entryBytes} bytes of entries (chunk size {_spec.ChunkSize}, largest entry {maxEntry})");
            return (keys[^1], reduction, subtreeSize);
        }
    }
}
