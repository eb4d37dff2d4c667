namespace CouchJs.Storage.BTrees;

// Reductions over key ranges and over groups of keys. A subtree wholly inside the range (or the
// group) contributes its stored reduction; only the nodes on the range's edges are read: O(log n).
public sealed partial class BTree<TKey, TValue, TRed>
{
    /// <summary>The reduction of the entries in <paramref name="range"/>.</summary>
    public TRed Reduce(KeyRange<TKey> range = default, bool descending = false)
    {
        var reductions = new List<TRed>();
        if (Root is { } root)
        {
            var bounds = new Bounds<TKey>(Comparer, range, descending);
            Collect(root, !bounds.HasLow, !bounds.HasHigh, bounds, reductions);
        }
        return Combine(reductions, [], []);
    }

    /// <summary>
    /// Folds the range as groups of adjacent keys that <paramref name="sameGroup"/> puts together
    /// (views' group and group_level): <paramref name="emit"/> gets each group's first key in fold
    /// order and its reduction, and may stop the fold by returning false. Groups must be contiguous
    /// runs in key order.
    /// </summary>
    public void FoldReduce(
        Func<TKey, TKey, bool> sameGroup, Func<TKey, TRed, bool> emit, KeyRange<TKey> range = default, bool descending = false)
    {
        if (Root is not { } root) return;
        var bounds = new Bounds<TKey>(Comparer, range, descending);
        var state = new GroupState(sameGroup, emit, descending);
        Group(root, !bounds.HasLow, !bounds.HasHigh, bounds, state);
        if (!state.Stopped) Flush(state);
    }

    private void Collect(BTreeRoot<TRed> subtree, bool lowInside, bool highInside, in Bounds<TKey> bounds, List<TRed> reductions)
    {
        if (lowInside && highInside)
        {
            reductions.Add(subtree.Reduction);
            return;
        }
        var node = Load(subtree.Pointer);
        if (node.IsLeaf)
        {
            int lo = 0;
            while (lo < node.Count && !bounds.AboveLow(node.Keys[lo])) lo++;
            int hi = lo;
            while (hi < node.Count && bounds.BelowHigh(node.Keys[hi])) hi++;
            if (hi > lo) reductions.Add(Spec.Reducer.Reduce(node.Keys.AsSpan(lo, hi - lo), node.Values.AsSpan(lo, hi - lo)));
            return;
        }
        for (int c = 0; c < node.Count; c++)
        {
            if (!lowInside && !bounds.AboveLow(node.Keys[c])) continue;
            if (c > 0 && !highInside && bounds.AllAboveHighAfter(node.Keys[c - 1])) break;
            Collect(node.Children![c], ChildLowInside(node, c, lowInside, bounds), highInside || bounds.BelowHigh(node.Keys[c]), bounds, reductions);
        }
    }

    private sealed class GroupState(Func<TKey, TKey, bool> sameGroup, Func<TKey, TRed, bool> emit, bool descending)
    {
        public readonly Func<TKey, TKey, bool> SameGroup = sameGroup;
        public readonly Func<TKey, TRed, bool> Emit = emit;
        public readonly bool Descending = descending;
        public readonly List<TKey> Keys = [];
        public readonly List<TValue> Values = [];
        public readonly List<TRed> Reductions = [];
        public bool HasKey;
        public TKey Key = default!;
        public bool Stopped;
    }

    private void Group(BTreeRoot<TRed> subtree, bool lowInside, bool highInside, in Bounds<TKey> bounds, GroupState state)
    {
        var node = Load(subtree.Pointer);
        int step = state.Descending ? -1 : 1;
        for (int c = state.Descending ? node.Count - 1 : 0; c >= 0 && c < node.Count && !state.Stopped; c += step)
        {
            var key = node.Keys[c];
            if (node.IsLeaf)
            {
                if (bounds.Contains(key)) AddToGroup(state, key, node.Values![c]);
                continue;
            }
            bool belowRange = !lowInside && !bounds.AboveLow(key);
            bool aboveRange = c > 0 && !highInside && bounds.AllAboveHighAfter(node.Keys[c - 1]);
            if (belowRange || aboveRange)
            {
                // Going up, everything after a child above the range is above it too; going down, below.
                if (state.Descending ? belowRange : aboveRange) return;
                continue;
            }
            bool childLow = ChildLowInside(node, c, lowInside, bounds);
            bool childHigh = highInside || bounds.BelowHigh(key);
            if (childLow && childHigh && state.HasKey && WholeChildInGroup(node, c, state))
                state.Reductions.Add(node.Children![c].Reduction);
            else
                Group(node.Children![c], childLow, childHigh, bounds, state);
        }
    }

    // Groups are contiguous: if the group's first key and the child's far end share a group, so does
    // everything between. Going down, the child's far end is above the previous child's last key.
    private static bool WholeChildInGroup(BTreeNode<TKey, TValue, TRed> node, int c, GroupState state) =>
        state.Descending ? c > 0 && state.SameGroup(state.Key, node.Keys[c - 1]) : state.SameGroup(state.Key, node.Keys[c]);

    private bool ChildLowInside(BTreeNode<TKey, TValue, TRed> node, int c, bool lowInside, in Bounds<TKey> bounds) =>
        lowInside || (c > 0 && bounds.AllAboveLowAfter(node.Keys[c - 1]));

    private void AddToGroup(GroupState state, TKey key, TValue value)
    {
        if (!state.HasKey || !state.SameGroup(state.Key, key))
        {
            if (state.HasKey && !Flush(state)) return;
            state.HasKey = true;
            state.Key = key;
        }
        state.Keys.Add(key);
        state.Values.Add(value);
    }

    private bool Flush(GroupState state)
    {
        if (!state.HasKey) return true;
        var reduction = Combine(state.Reductions, state.Keys, state.Values);
        state.Keys.Clear();
        state.Values.Clear();
        state.Reductions.Clear();
        state.HasKey = false;
        state.Stopped = !state.Emit(state.Key, reduction);
        return !state.Stopped;
    }

    private TRed Combine(List<TRed> reductions, List<TKey> keys, List<TValue> values)
    {
        if (keys.Count > 0 || reductions.Count == 0)
        {
            var leafReduction = Spec.Reducer.Reduce(
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
            if (reductions.Count == 0) return leafReduction;
            reductions.Add(leafReduction);
        }
        return reductions.Count == 1 ? reductions[0] : Spec.Reducer.Rereduce(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(reductions));
    }
}
