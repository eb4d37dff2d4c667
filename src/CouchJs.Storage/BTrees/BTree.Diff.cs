namespace CouchJs.Storage.BTrees;

/// <summary>One difference between two versions of a tree: a key removed, or inserted or changed.</summary>
public readonly record struct TreeChange<TKey, TValue>(TKey Key, bool Removed, TValue Value);

// What changed between two versions of one tree. Versions share every subtree a change did not
// touch (same position, same content), so shared subtrees are dropped level by level and only the
// rewritten paths are read: the cost follows the size of the change, not of the tree.
public sealed partial class BTree<TKey, TValue, TRed>
{
    private readonly record struct Subtree(long Pointer, int Height);

    /// <summary>The changes that turn <paramref name="older"/> into this version, in key order.</summary>
    public List<TreeChange<TKey, TValue>> DiffFrom(BTree<TKey, TValue, TRed> older)
    {
        var before = older.Root is { } a ? new List<Subtree> { new(a.Pointer, older.Height(a.Pointer)) } : [];
        var after = Root is { } b ? new List<Subtree> { new(b.Pointer, Height(b.Pointer)) } : [];
        while (true)
        {
            var shared = before.Select(s => s.Pointer).ToHashSet();
            shared.IntersectWith(after.Select(s => s.Pointer));
            before.RemoveAll(s => shared.Contains(s.Pointer));
            after.RemoveAll(s => shared.Contains(s.Pointer));
            int height = before.Concat(after).Select(s => s.Height).DefaultIfEmpty(0).Max();
            if (height == 0) break;
            // Open only the tallest subtrees, so the two sides are compared level with level.
            before = older.Expand(before, height);
            after = Expand(after, height);
        }
        return MergeLeaves(older.LeafEntries(before), LeafEntries(after));
    }

    private int Height(long pointer)
    {
        int height = 0;
        for (var node = Load(pointer); !node.IsLeaf; node = Load(node.Children![0].Pointer)) height++;
        return height;
    }

    private List<Subtree> Expand(List<Subtree> subtrees, int height)
    {
        var result = new List<Subtree>(subtrees.Count * 2);
        foreach (var s in subtrees)
        {
            if (s.Height != height)
            {
                result.Add(s);
                continue;
            }
            foreach (var child in Load(s.Pointer).Children!) result.Add(new Subtree(child.Pointer, height - 1));
        }
        return result;
    }

    private List<KeyValuePair<TKey, TValue>> LeafEntries(List<Subtree> leaves)
    {
        var entries = new List<KeyValuePair<TKey, TValue>>();
        foreach (var leaf in leaves)
        {
            var node = Load(leaf.Pointer);
            for (int i = 0; i < node.Count; i++) entries.Add(new(node.Keys[i], node.Values![i]));
        }
        return entries;
    }

    private List<TreeChange<TKey, TValue>> MergeLeaves(List<KeyValuePair<TKey, TValue>> before, List<KeyValuePair<TKey, TValue>> after)
    {
        var changes = new List<TreeChange<TKey, TValue>>();
        var encodedBefore = new Encoding.BufferWriter(64);
        var encodedAfter = new Encoding.BufferWriter(64);
        int i = 0, j = 0;
        while (i < before.Count || j < after.Count)
        {
            int c = i >= before.Count ? 1 : j >= after.Count ? -1 : Comparer.Compare(before[i].Key, after[j].Key);
            if (c < 0)
            {
                changes.Add(new(before[i++].Key, true, default!));
            }
            else if (c > 0)
            {
                changes.Add(new(after[j].Key, false, after[j].Value));
                j++;
            }
            else
            {
                if (!SameValue(before[i].Value, after[j].Value, encodedBefore, encodedAfter)) changes.Add(new(after[j].Key, false, after[j].Value));
                i++;
                j++;
            }
        }
        return changes;
    }

    // Values compare by encoding: the codec defines what a value is on disk.
    private bool SameValue(TValue x, TValue y, Encoding.BufferWriter a, Encoding.BufferWriter b)
    {
        a.Reset();
        b.Reset();
        Spec.ValueCodec.Write(a, x);
        Spec.ValueCodec.Write(b, y);
        return a.WrittenSpan.SequenceEqual(b.WrittenSpan);
    }
}
