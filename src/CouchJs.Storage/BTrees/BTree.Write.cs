using CouchJs.Storage.Encoding;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.BTrees;

// Writing nodes: encode entries once, cut them into chunks the way couch_btree's chunkify does, append.
public sealed partial class BTree<TKey, TValue, TRed>
{
    /// <summary>One child entry of an inner node being built: the subtree's last key and its root.</summary>
    private readonly record struct Entry(TKey Key, BTreeRoot<TRed> Ref);

    /// <summary>
    /// Scratch buffers of one write pass (one writer at a time uses a tree's file). One is kept for the
    /// next pass: the buffers grow to a batch's size, and growing fresh ones for every batch (large
    /// arrays, often while a background GC runs) cost more than the encoding itself.
    /// </summary>
    private sealed class WriteContext
    {
        /// <summary>A context whose buffers grew past this is dropped after use rather than kept.</summary>
        private const int MaxKeptBytes = 16 << 20;

        private static WriteContext? s_spare;

        public readonly BufferWriter Entries = new(16 * 1024);
        public readonly BufferWriter Node = new(4 * 1024);
        public readonly List<int> Ends = new(256);

        /// <summary>Most bytes <see cref="Entries"/> held in one use (a bound on both buffers' size).</summary>
        public int Largest;

        public static WriteContext Rent() => Interlocked.Exchange(ref s_spare, null) ?? new WriteContext();

        public static void Return(WriteContext ctx)
        {
            if (ctx.Largest <= MaxKeptBytes) Volatile.Write(ref s_spare, ctx);
        }
    }

    private List<Entry> WriteLeaves(WriteContext ctx, TKey[] keys, TValue[] values, int count)
    {
        ctx.Entries.Reset();
        ctx.Ends.Clear();
        for (int i = 0; i < count; i++)
        {
            Spec.KeyCodec.Write(ctx.Entries, keys[i]);
            Spec.ValueCodec.Write(ctx.Entries, values[i]);
            ctx.Ends.Add(ctx.Entries.Length);
        }
        ctx.Largest = Math.Max(ctx.Largest, ctx.Entries.Length);
        var result = new List<Entry>();
        foreach (var (start, end) in Chunkify(ctx.Ends))
        {
            var (pointer, size) = AppendNode(ctx, KvNodeTag, start, end);
            var reduction = Spec.Reducer.Reduce(keys.AsSpan(start, end - start), values.AsSpan(start, end - start));
            result.Add(new Entry(keys[end - 1], new BTreeRoot<TRed>(pointer, reduction, size)));
        }
        return result;
    }

    private List<Entry> WriteInner(WriteContext ctx, List<Entry> children)
    {
        ctx.Entries.Reset();
        ctx.Ends.Clear();
        foreach (var child in children)
        {
            Spec.KeyCodec.Write(ctx.Entries, child.Key);
            ctx.Entries.WriteVarUInt((ulong)child.Ref.Pointer);
            ctx.Entries.WriteVarUInt((ulong)child.Ref.SubtreeSize);
            Spec.ReductionCodec.Write(ctx.Entries, child.Ref.Reduction);
            ctx.Ends.Add(ctx.Entries.Length);
        }
        ctx.Largest = Math.Max(ctx.Largest, ctx.Entries.Length);
        var result = new List<Entry>();
        foreach (var (start, end) in Chunkify(ctx.Ends))
        {
            var (pointer, size) = AppendNode(ctx, KpNodeTag, start, end);
            CacheWritten(pointer, ctx.Node.WrittenSpan);
            int n = end - start;
            var reductions = new TRed[n];
            long subtree = size;
            for (int i = 0; i < n; i++)
            {
                var child = children[start + i];
                reductions[i] = child.Ref.Reduction;
                subtree += child.Ref.SubtreeSize;
            }
            result.Add(new Entry(children[end - 1].Key, new BTreeRoot<TRed>(pointer, Spec.Reducer.Rereduce(reductions), subtree)));
        }
        return result;
    }

    /// <summary>
    /// Caches a new inner node as a read would decode it: from its own payload. Built from the
    /// entries instead, its keys would be slices of whatever held them (leaves' payloads, the
    /// caller's batch), keeping far more memory alive than the cache counts.
    /// </summary>
    private void CacheWritten(long pointer, ReadOnlySpan<byte> payload) => Loaded(pointer, payload.ToArray());

    /// <summary>Appends entries [start, end) as one node; returns its position and stored size.</summary>
    private (long Pointer, int Size) AppendNode(WriteContext ctx, byte tag, int start, int end)
    {
        int from = start == 0 ? 0 : ctx.Ends[start - 1];
        int to = ctx.Ends[end - 1];
        ctx.Node.Reset();
        ctx.Node.WriteByte(tag);
        ctx.Node.WriteVarUInt((ulong)(end - start));
        ctx.Node.WriteBytes(ctx.Entries.WrittenSpan[from..to]);
        return File.Append(ctx.Node.WrittenSpan);
    }

    /// <summary>
    /// Cuts entries (given by their end offsets) into runs of about equal size, none much over the
    /// chunk size: the number of chunks is total / size + 1, and an entry that crosses the share
    /// closes its chunk (couch_btree's chunkify).
    /// </summary>
    private IEnumerable<(int Start, int End)> Chunkify(List<int> ends)
    {
        int total = ends.Count == 0 ? 0 : ends[^1];
        if (total <= Spec.ChunkSize)
        {
            yield return (0, ends.Count);
            yield break;
        }
        int threshold = total / (total / Spec.ChunkSize + 1);
        int chunkStart = 0, chunkBytes = 0, previousEnd = 0;
        for (int i = 0; i < ends.Count; i++)
        {
            int size = ends[i] - previousEnd;
            previousEnd = ends[i];
            if (chunkBytes + size > threshold && i > chunkStart)
            {
                yield return (chunkStart, i + 1);
                chunkStart = i + 1;
                chunkBytes = 0;
            }
            else
            {
                chunkBytes += size;
            }
        }
        if (chunkStart < ends.Count) yield return (chunkStart, ends.Count);
    }
}
