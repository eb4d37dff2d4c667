namespace CouchJs.Storage.BTrees;

// Bulk insert/remove in one pass: actions are sorted once, then each node on their paths is
// read once and rewritten once (couch_btree's query_modify).
public sealed partial class BTree<TKey, TValue, TRed>
{
    private readonly record struct Change(TKey Key, bool Insert, TValue Value);

    /// <summary>Inserts (or replaces) and removes keys in one pass. A key both inserted and removed is inserted.</summary>
    public BTree<TKey, TValue, TRed> Modify(
        IReadOnlyList<KeyValuePair<TKey, TValue>> inserts, IReadOnlyList<TKey>? removes = null)
    {
        var changes = SortedChanges(inserts, removes ?? []);
        if (changes.Length == 0) return this;
        var ctx = WriteContext.Rent();
        try
        {
            var entries = ModifyNode(ctx, Root, changes);
            if (entries is null) return this;
            while (entries.Count > 1) entries = WriteInner(ctx, entries);
            return new(File, Spec, entries.Count == 0 ? null : entries[0].Ref);
        }
        finally
        {
            WriteContext.Return(ctx);
        }
    }

    public BTree<TKey, TValue, TRed> Insert(TKey key, TValue value) => Modify([new(key, value)]);

    public BTree<TKey, TValue, TRed> Remove(params TKey[] keys) => Modify([], keys);

    private Change[] SortedChanges(IReadOnlyList<KeyValuePair<TKey, TValue>> inserts, IReadOnlyList<TKey> removes)
    {
        var all = new Change[removes.Count + inserts.Count];
        for (int i = 0; i < removes.Count; i++) all[i] = new(removes[i], false, default!);
        for (int i = 0; i < inserts.Count; i++) all[removes.Count + i] = new(inserts[i].Key, true, inserts[i].Value);
        // Stable by key, so for one key the latest change (an insert after a remove) is last.
        var order = new int[all.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int c = Comparer.Compare(all[a].Key, all[b].Key);
            return c != 0 ? c : a.CompareTo(b);
        });
        var result = new List<Change>(all.Length);
        foreach (int i in order)
        {
            if (result.Count > 0 && Comparer.Compare(result[^1].Key, all[i].Key) == 0) result[^1] = all[i];
            else result.Add(all[i]);
        }
        return [.. result];
    }

    /// <summary>The entries that replace this subtree in its parent, or null when nothing changed.</summary>
    private List<Entry>? ModifyNode(WriteContext ctx, BTreeRoot<TRed>? subtree, ReadOnlySpan<Change> changes)
    {
        var node = subtree is { } s ? Load(s.Pointer) : new BTreeNode<TKey, TValue, TRed>([], [], null);
        return node.IsLeaf ? ModifyLeaf(ctx, node, changes) : ModifyInner(ctx, node, changes);
    }

    private List<Entry>? ModifyLeaf(WriteContext ctx, BTreeNode<TKey, TValue, TRed> node, ReadOnlySpan<Change> changes)
    {
        var keys = new TKey[node.Count + changes.Length];
        var values = new TValue[keys.Length];
        int n = 0, i = 0, j = 0;
        bool changed = false;
        while (i < node.Count || j < changes.Length)
        {
            int c = i >= node.Count ? 1 : j >= changes.Length ? -1 : Comparer.Compare(node.Keys[i], changes[j].Key);
            if (c < 0)
            {
                (keys[n], values[n]) = (node.Keys[i], node.Values![i]);
                n++;
                i++;
                continue;
            }
            var change = changes[j++];
            if (c == 0) i++;
            if (change.Insert)
            {
                (keys[n], values[n]) = (change.Key, change.Value);
                n++;
                changed = true;
            }
            else if (c == 0)
            {
                changed = true;
            }
        }
        if (!changed) return null;
        return n == 0 ? [] : WriteLeaves(ctx, keys, values, n);
    }

    private List<Entry>? ModifyInner(WriteContext ctx, BTreeNode<TKey, TValue, TRed> node, ReadOnlySpan<Change> changes)
    {
        var entries = new List<Entry>(node.Count + 4);
        bool changed = false;
        int from = 0;
        for (int c = 0; c < node.Count; c++)
        {
            var original = new Entry(node.Keys[c], node.Children![c]);
            // A child holds keys up to its last key; the last child also takes everything beyond.
            int to = c == node.Count - 1 ? changes.Length : FirstChangeAfter(changes, from, node.Keys[c]);
            var replaced = to > from ? ModifyNode(ctx, original.Ref, changes[from..to]) : null;
            from = to;
            if (replaced is null)
            {
                entries.Add(original);
                continue;
            }
            entries.AddRange(replaced);
            changed = true;
        }
        if (!changed) return null;
        return entries.Count == 0 ? entries : WriteInner(ctx, entries);
    }

    private int FirstChangeAfter(ReadOnlySpan<Change> changes, int from, TKey key)
    {
        int lo = from, hi = changes.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Comparer.Compare(changes[mid].Key, key) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
