namespace CouchJs.Storage.BTrees;

// Ordered reads: a cursor that walks leaves forward or backward between a start and an end key.
public sealed partial class BTree<TKey, TValue, TRed>
{
    /// <summary>
    /// The entries in <paramref name="range"/>, in key order (or reverse). Lazy: nodes are read as
    /// the caller advances, so stopping early reads no more.
    /// </summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> Enumerate(KeyRange<TKey> range = default, bool descending = false)
    {
        if (Root is not { } root) yield break;
        int step = descending ? -1 : 1;
        var nodes = new BTreeNode<TKey, TValue, TRed>[16];
        var next = new int[16];
        int depth = 0;
        nodes[0] = Load(root.Pointer);
        next[0] = StartIndex(nodes[0], range, descending);
        while (depth >= 0)
        {
            var node = nodes[depth];
            int i = next[depth];
            if (i < 0 || i >= node.Count)
            {
                if (--depth >= 0) next[depth] += step;
                continue;
            }
            if (node.IsLeaf)
            {
                if (PastEnd(node.Keys[i], range, descending)) yield break;
                next[depth] += step;
                yield return new(node.Keys[i], node.Values![i]);
                continue;
            }
            if (++depth == nodes.Length)
            {
                Array.Resize(ref nodes, depth * 2);
                Array.Resize(ref next, depth * 2);
            }
            nodes[depth] = Load(node.Children![i].Pointer);
            next[depth] = StartIndex(nodes[depth], range, descending);
        }
    }

    /// <summary>Calls <paramref name="visit"/> for each entry in the range until it returns false.</summary>
    public void Fold(Func<TKey, TValue, bool> visit, KeyRange<TKey> range = default, bool descending = false)
    {
        foreach (var (key, value) in Enumerate(range, descending))
            if (!visit(key, value)) return;
    }

    // Nodes after the first on the path are wholly past the start key, and the bound search then
    // lands on their first (or last) entry, so one rule serves every node.
    private int StartIndex(BTreeNode<TKey, TValue, TRed> node, in KeyRange<TKey> range, bool descending)
    {
        if (!range.HasStart) return descending ? node.Count - 1 : 0;
        if (!descending) return LowerBound(node.Keys, range.Start);
        if (node.IsLeaf) return UpperBound(node.Keys, range.Start) - 1;
        return Math.Min(LowerBound(node.Keys, range.Start), node.Count - 1);
    }

    private bool PastEnd(TKey key, in KeyRange<TKey> range, bool descending)
    {
        if (!range.HasEnd) return false;
        int c = Comparer.Compare(key, range.End);
        if (descending) c = -c;
        return c > 0 || (c == 0 && !range.InclusiveEnd);
    }
}
