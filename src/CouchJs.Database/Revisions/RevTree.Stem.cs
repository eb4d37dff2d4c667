using System.Runtime.InteropServices;

namespace CouchJs.Database.Revisions;

public sealed partial class RevTree<T>
{
    /// <summary>
    /// couch_key_tree:stem: keep only the newest <paramref name="revsLimit"/> revisions of every leaf's
    /// path. A node no leaf keeps is dropped, and the kept nodes below it become roots of their own.
    /// (CouchDB's stem also repairs revisions held twice; <see cref="Merge"/> never leaves any.)
    /// </summary>
    public void Stem(int revsLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(revsLimit, 1);
        if (!NeedsStemming(revsLimit)) return;

        // Pre-order with each node's parent index; walked backwards, every node comes after its
        // children, so it learns how far its nearest leaf is (couch_key_tree's LimitPos counts the
        // same distance down from the limit).
        var order = new List<(RevNode<T> Node, long Pos, int Parent)>();
        var stack = new Stack<(RevNode<T> Node, long Pos, int Parent)>();
        foreach (var (start, root) in _roots)
        {
            stack.Push((root, start, -1));
            while (stack.TryPop(out var item))
            {
                int index = order.Count;
                order.Add(item);
                foreach (var child in item.Node.Children) stack.Push((child, item.Pos + 1, index));
            }
        }
        var nearestLeaf = new int[order.Count];
        for (int i = 0; i < order.Count; i++) nearestLeaf[i] = order[i].Node.Children.Count == 0 ? 0 : int.MaxValue;
        for (int i = order.Count - 1; i >= 0; i--)
        {
            int parent = order[i].Parent;
            if (parent >= 0) nearestLeaf[parent] = Math.Min(nearestLeaf[parent], nearestLeaf[i] + 1);
        }

        _roots.Clear();
        for (int i = 0; i < order.Count; i++)
        {
            var (node, pos, parent) = order[i];
            bool kept = nearestLeaf[i] < revsLimit;
            bool parentKept = parent >= 0 && nearestLeaf[parent] < revsLimit;
            if (kept && !parentKept) _roots.Add((pos, node));
            if (!kept && parentKept) order[parent].Node.Children.Remove(node);
        }
        SortRoots();
    }

    /// <summary>
    /// Whether some node is <paramref name="revsLimit"/> or more revisions above its nearest leaf: a
    /// post-order walk that holds one frame per level, so the usual no-op stem allocates little.
    /// </summary>
    private bool NeedsStemming(int revsLimit)
    {
        var frames = new List<(RevNode<T> Node, int NextChild, int NearestLeaf)>();
        foreach (var (_, root) in _roots)
        {
            frames.Add((root, 0, int.MaxValue));
            while (frames.Count > 0)
            {
                ref var top = ref CollectionsMarshal.AsSpan(frames)[^1];
                var children = top.Node.Children;
                if (top.NextChild < children.Count)
                {
                    var child = children[top.NextChild];
                    top.NextChild++;
                    frames.Add((child, 0, int.MaxValue));
                    continue;
                }
                int nearest = children.Count == 0 ? 0 : top.NearestLeaf;
                if (nearest >= revsLimit) return true;
                frames.RemoveAt(frames.Count - 1);
                if (frames.Count == 0) break;
                ref var parent = ref CollectionsMarshal.AsSpan(frames)[^1];
                parent.NearestLeaf = Math.Min(parent.NearestLeaf, nearest + 1);
            }
        }
        return false;
    }
}
