using System.Buffers;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.BTrees;

// Point reads: one key, or many keys in one descent that visits each node once.
public sealed partial class BTree<TKey, TValue, TRed>
{
    public bool TryGet(TKey key, out TValue value)
    {
        value = default!;
        if (Root is not { } root) return false;
        long pointer = root.Pointer;
        while (true)
        {
            if (!File.Cache.TryGet(pointer, out object? cached))
            {
                cached = ReadInnerOrLeaf(pointer, out var leaf, out byte[]? rented);
                if (cached is null)
                {
                    try
                    {
                        return SearchLeaf(pointer, leaf, key, out value);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(rented!);
                    }
                }
            }
            var node = (BTreeNode<TKey, TValue, TRed>)cached;
            int i = LowerBound(node.Keys, key);
            if (i == node.Count) return false;
            if (node.IsLeaf)
            {
                if (Comparer.Compare(node.Keys[i], key) != 0) return false;
                value = node.Values![i];
                return true;
            }
            pointer = node.Children![i].Pointer;
        }
    }

    /// <summary>Looks up many keys (any order, repeats allowed); result i answers key i.</summary>
    public (bool Found, TValue Value)[] Lookup(IReadOnlyList<TKey> keys)
    {
        var results = new (bool, TValue)[keys.Count];
        if (Root is not { } root || keys.Count == 0) return results;
        var order = new int[keys.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => Comparer.Compare(keys[a], keys[b]));
        LookupNode(root.Pointer, keys, order, results);
        return results;
    }

    private void LookupNode(long pointer, IReadOnlyList<TKey> keys, ReadOnlySpan<int> order, (bool, TValue)[] results)
    {
        if (!File.Cache.TryGet(pointer, out object? cached))
        {
            cached = ReadInnerOrLeaf(pointer, out var leaf, out byte[]? rented);
            if (cached is null)
            {
                try
                {
                    LookupLeaf(pointer, leaf, keys, order, results);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented!);
                }
                return;
            }
        }
        var node = (BTreeNode<TKey, TValue, TRed>)cached;
        int from = 0;
        for (int c = 0; c < node.Count && from < order.Length; c++)
        {
            int to = from;
            while (to < order.Length && Comparer.Compare(keys[order[to]], node.Keys[c]) <= 0) to++;
            if (to == from) continue;
            if (node.IsLeaf)
            {
                // Keys equal to this leaf key are the matches; any before it are missing.
                for (int k = from; k < to; k++)
                    if (Comparer.Compare(keys[order[k]], node.Keys[c]) == 0) results[order[k]] = (true, node.Values![c]);
            }
            else
            {
                LookupNode(node.Children![c].Pointer, keys, order[from..to], results);
            }
            from = to;
        }
    }

    /// <summary>
    /// Reads the node at <paramref name="pointer"/> (not in the cache): an inner node is decoded,
    /// cached and returned; for a leaf, null, with its payload in <paramref name="rented"/>, a pooled
    /// buffer the caller returns.
    /// </summary>
    private BTreeNode<TKey, TValue, TRed>? ReadInnerOrLeaf(long pointer, out ReadOnlyMemory<byte> leaf, out byte[]? rented)
    {
        leaf = default;
        rented = null;
        var payload = File.ReadPooled(pointer, out byte[] buffer);
        if (payload.Length > 0 && payload.Span[0] == KpNodeTag)
        {
            try
            {
                return Loaded(pointer, payload.ToArray());
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        (leaf, rented) = (payload, buffer);
        return null;
    }
}
