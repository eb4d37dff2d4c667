namespace CouchJs.Database.Revisions;

public sealed partial class RevTree<T>
{
    /// <summary>
    /// Purge (couch_key_tree:remove_leafs): drop the given leaves and every ancestor no remaining
    /// leaf goes through. Revs that are not leaves are ignored. Returns how many leaves went.
    /// </summary>
    public int RemoveLeaves(IEnumerable<Rev> revs)
    {
        ArgumentNullException.ThrowIfNull(revs);
        var remove = new HashSet<Rev>(revs);
        if (remove.Count == 0) return 0;

        var order = new List<(RevNode<T> Node, long Pos)>();
        Walk((pos, node, _) =>
        {
            order.Add((node, pos));
            return WalkStep.Continue;
        });
        // Backwards over pre-order: children are settled before their parent.
        var gone = new HashSet<RevNode<T>>(ReferenceEqualityComparer.Instance);
        int removed = 0;
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var (node, pos) = order[i];
            if (node.Children.Count == 0)
            {
                if (!remove.Contains(new Rev(pos, node.Hash))) continue;
                removed++;
                gone.Add(node);
                continue;
            }
            node.Children.RemoveAll(gone.Contains);
            if (node.Children.Count == 0) gone.Add(node);
        }
        _roots.RemoveAll(root => gone.Contains(root.Root));
        return removed;
    }
}
