namespace CouchJs.Database.Revisions;

public sealed partial class RevTree<T>
{
    /// <summary>
    /// Merges one path (couch_key_tree:merge) and stems the result to <paramref name="revsLimit"/>
    /// (couch_db_updater stems after every merge). <paramref name="hashes"/> are newest first and
    /// <paramref name="leafPos"/> is the newest's position; only the newest gets a value.
    /// </summary>
    public MergeOutcome Merge(long leafPos, IReadOnlyList<string> hashes, T leafValue, int revsLimit)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(leafValue);
        if (hashes.Count == 0) throw new ArgumentException("A revision path needs at least one hash.", nameof(hashes));
        ArgumentOutOfRangeException.ThrowIfLessThan(revsLimit, 1);

        var path = RevPath<T>.FromNewestFirst(leafPos, hashes, leafValue);
        var outcome = MergePath(path, out var graft);
        JoinOverlaps(graft, path);
        Stem(revsLimit);
        return outcome;
    }

    /// <summary>
    /// Where a merge put a path: the root that took it, and the path's new nodes, indexes
    /// [0, <see cref="PrefixEnd"/>) (ancestors put above a stemmed root) and [<see cref="GraftStart"/>, end).
    /// </summary>
    private readonly record struct Graft(RevNode<T> Root, int PrefixEnd, int GraftStart);

    /// <summary>
    /// Tries the roots in order and merges into the first one the path lines up with; a path that
    /// meets none becomes a root of its own.
    /// </summary>
    private MergeOutcome MergePath(RevPath<T> path, out Graft graft)
    {
        var stack = new Stack<(RevNode<T> Node, long Depth)>();
        for (int i = 0; i < _roots.Count; i++)
        {
            var (start, root) = _roots[i];
            if (TryMergeInto(start, root, path, stack, out graft) is { } outcome)
            {
                _roots.RemoveAt(i);
                InsertRoot(Math.Min(start, path.Start), graft.Root);
                return outcome;
            }
        }
        bool wasEmpty = _roots.Count == 0;
        graft = new Graft(path.Chain(0, path.Length), 0, 0);
        InsertRoot(path.Start, graft.Root);
        return wasEmpty ? MergeOutcome.NewLeaf : MergeOutcome.NewBranch;
    }

    /// <summary>
    /// couch_key_tree:merge_at: stemming means the root and the path may start at different
    /// positions, so first seek into whichever starts earlier until both are at the same position.
    /// </summary>
    private static MergeOutcome? TryMergeInto(long start, RevNode<T> root, RevPath<T> path, Stack<(RevNode<T> Node, long Depth)> stack, out Graft graft)
    {
        graft = default;
        long offset = start - path.Start;
        if (offset > 0)
        {
            // The root was stemmed below the path's start: skip the path's older revisions; they
            // become the root's new ancestors.
            if (offset >= path.Length || path.Hashes[offset] != root.Hash) return null;
            var outcome = Extend(root, path, (int)offset, out int graftStart);
            graft = new Graft(path.Chain(0, (int)offset, root), (int)offset, graftStart);
            return outcome;
        }
        var match = offset == 0
            ? (root.Hash == path.Hashes[0] ? root : null)
            : FindAtDepth(root, -offset, path.Hashes[0], stack);
        if (match is null) return null;
        var result = Extend(match, path, 0, out int graftAt);
        graft = new Graft(root, 0, graftAt);
        return result;
    }

    /// <summary>The first node, in pre-order, <paramref name="depth"/> levels below <paramref name="root"/> with that hash.</summary>
    private static RevNode<T>? FindAtDepth(RevNode<T> root, long depth, string hash, Stack<(RevNode<T> Node, long Depth)> stack)
    {
        stack.Clear();
        stack.Push((root, 0));
        while (stack.TryPop(out var item))
        {
            if (item.Depth == depth)
            {
                if (item.Node.Hash == hash) return item.Node;
                continue;
            }
            var children = item.Node.Children;
            for (int i = children.Count - 1; i >= 0; i--) stack.Push((children[i], item.Depth + 1));
        }
        return null;
    }

    /// <summary>
    /// couch_key_tree:merge_extend from <paramref name="node"/>, which matched the path at
    /// <paramref name="index"/>: follow matching children, then graft the rest of the path from
    /// <paramref name="graftStart"/> (the path's length when nothing was left to graft).
    /// </summary>
    private static MergeOutcome Extend(RevNode<T> node, RevPath<T> path, int index, out int graftStart)
    {
        KeepValue(node, path.Values[index]);
        for (graftStart = index + 1; graftStart < path.Length; graftStart++)
        {
            var children = node.Children;
            if (children.Count == 0)
            {
                children.Add(path.Chain(graftStart, path.Length));
                return MergeOutcome.NewLeaf;
            }
            int at = FindChild(children, path.Hashes[graftStart]);
            if (at < 0)
            {
                children.Insert(~at, path.Chain(graftStart, path.Length));
                return MergeOutcome.NewBranch;
            }
            node = children[at];
            KeepValue(node, path.Values[graftStart]);
        }
        return MergeOutcome.InternalNode;
    }

    /// <summary>couch_key_tree:value_pref: the stored value wins unless it is missing.</summary>
    private static void KeepValue(RevNode<T> node, T? incoming) => node.Value ??= incoming;

    /// <summary>Binary search of sorted children: the index, or the complement of where it would go.</summary>
    private static int FindChild(List<RevNode<T>> children, string hash)
    {
        int lo = 0, hi = children.Count - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            int cmp = RevHash.Compare(children[mid].Hash, hash);
            if (cmp == 0) return mid;
            if (cmp < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }
}
