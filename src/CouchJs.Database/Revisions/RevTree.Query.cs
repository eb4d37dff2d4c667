namespace CouchJs.Database.Revisions;

public sealed partial class RevTree<T>
{
    /// <summary>Every leaf with its path (couch_key_tree:get_all_leafs), highest rev first.</summary>
    public IReadOnlyList<RevLeaf<T>> Leaves()
    {
        var leaves = new List<RevLeaf<T>>();
        Walk((pos, node, path) =>
        {
            if (node.Children.Count == 0) leaves.Add(new RevLeaf<T>(new Rev(pos, node.Hash), node.Value, NewestFirst(path)));
            return WalkStep.Continue;
        });
        leaves.Sort(static (a, b) => b.Rev.CompareTo(a.Rev));
        return leaves;
    }

    /// <summary>
    /// couch_doc:to_doc_info's first leaf: not deleted before deleted, then the highest rev (position,
    /// then hash). When every leaf is deleted the highest deleted one wins.
    /// </summary>
    public RevLeaf<T> Winner(Func<T?, bool> isDeleted)
    {
        ArgumentNullException.ThrowIfNull(isDeleted);
        RevLeaf<T>? best = null;
        bool bestDeleted = true;
        Walk((pos, node, path) =>
        {
            if (node.Children.Count != 0) return WalkStep.Continue;
            var rev = new Rev(pos, node.Hash);
            bool deleted = isDeleted(node.Value);
            bool better = best is null
                || (deleted != bestDeleted ? !deleted : rev.CompareTo(best.Rev) > 0);
            if (better)
            {
                best = new RevLeaf<T>(rev, node.Value, NewestFirst(path));
                bestDeleted = deleted;
            }
            return WalkStep.Continue;
        });
        return best ?? throw new InvalidOperationException("An empty revision tree has no winner.");
    }

    public bool IsLeaf(Rev rev) => FindNode(rev, withPath: false, out _) is { Children.Count: 0 };

    public bool Contains(Rev rev) => FindNode(rev, withPath: false, out _) is not null;

    /// <summary>Any node, leaf or not, with its path back (couch_key_tree:get).</summary>
    public RevLeaf<T>? Find(Rev rev) =>
        FindNode(rev, withPath: true, out var path) is { } node ? new RevLeaf<T>(rev, node.Value, path) : null;

    /// <summary>The revs the tree does not hold (couch_key_tree:find_missing), in the order given.</summary>
    public IReadOnlyList<Rev> FindMissing(IEnumerable<Rev> revs)
    {
        ArgumentNullException.ThrowIfNull(revs);
        var wanted = revs as IReadOnlyCollection<Rev> ?? [.. revs];
        if (wanted.Count == 0) return [];
        var present = new HashSet<Rev>();
        Walk((pos, node, _) =>
        {
            present.Add(new Rev(pos, node.Hash));
            return WalkStep.Continue;
        });
        return [.. wanted.Where(rev => !present.Contains(rev))];
    }

    /// <summary>
    /// The leaves that could be ancestors of a missing rev (couch_db's possible_ancestors for
    /// _revs_diff): those at a lower position, highest rev first.
    /// </summary>
    public IReadOnlyList<Rev> PossibleAncestors(Rev missing)
    {
        var revs = new List<Rev>();
        Walk((pos, node, _) =>
        {
            if (pos >= missing.Pos) return WalkStep.SkipChildren;
            if (node.Children.Count == 0) revs.Add(new Rev(pos, node.Hash));
            return WalkStep.Continue;
        });
        revs.Sort(static (a, b) => b.CompareTo(a));
        return revs;
    }

    /// <summary>
    /// couch_key_tree:get_key_leafs, for open_revs with latest=true: the leaves at or below each given
    /// rev, each leaf once. Revs the tree does not hold come back in <paramref name="missing"/>.
    /// </summary>
    public IReadOnlyList<RevLeaf<T>> LeavesOf(IEnumerable<Rev> revs, out IReadOnlyList<Rev> missing)
    {
        ArgumentNullException.ThrowIfNull(revs);
        var remaining = revs.ToList();
        var leaves = new List<RevLeaf<T>>();
        // Depth of the requested node whose subtree the walk is in, or -1.
        int foundDepth = -1;
        Walk((pos, node, path) =>
        {
            int depth = path.Count - 1;
            if (depth <= foundDepth) foundDepth = -1;
            if (remaining.Count == 0 && foundDepth < 0) return WalkStep.Stop;
            // Requested revs inside a found subtree are consumed too, so their leaves are not listed twice.
            if (remaining.Remove(new Rev(pos, node.Hash)) && foundDepth < 0) foundDepth = depth;
            if (foundDepth >= 0 && node.Children.Count == 0)
                leaves.Add(new RevLeaf<T>(new Rev(pos, node.Hash), node.Value, NewestFirst(path)));
            return WalkStep.Continue;
        });
        missing = remaining;
        return leaves;
    }

    private RevNode<T>? FindNode(Rev rev, bool withPath, out string[] pathHashes)
    {
        RevNode<T>? found = null;
        string[] hashes = [];
        Walk((pos, node, path) =>
        {
            if (pos < rev.Pos) return WalkStep.Continue;
            // Deeper nodes only have higher positions.
            if (pos != rev.Pos || node.Hash != rev.Hash) return WalkStep.SkipChildren;
            found = node;
            if (withPath) hashes = NewestFirst(path);
            return WalkStep.Stop;
        });
        pathHashes = hashes;
        return found;
    }
}
