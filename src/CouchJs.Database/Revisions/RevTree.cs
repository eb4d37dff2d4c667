namespace CouchJs.Database.Revisions;

/// <summary>
/// A document's revision tree, a port of couch_key_tree: roots sorted by (start position, hash),
/// several roots once stemming cut a tree apart or replication brought unrelated histories.
/// Every walk uses an explicit stack, as trees can be revs_limit (default 1000) deep.
/// </summary>
public sealed partial class RevTree<T> where T : class
{
    private readonly List<(long StartPos, RevNode<T> Root)> _roots = [];

    public IReadOnlyList<(long StartPos, RevNode<T> Root)> Roots => _roots;

    public bool IsEmpty => _roots.Count == 0;

    public int NodeCount
    {
        get
        {
            int count = 0;
            Walk((_, _, _) =>
            {
                count++;
                return WalkStep.Continue;
            });
            return count;
        }
    }

    /// <summary>Visits every node in pre-order; compaction uses it to rewrite values.</summary>
    public void ForEachNode(Action<Rev, RevNode<T>, bool> visit) =>
        Walk((pos, node, _) =>
        {
            visit(new Rev(pos, node.Hash), node, node.Children.Count == 0);
            return WalkStep.Continue;
        });

    public RevTree<T> Clone(Func<T, T> cloneValue)
    {
        var clone = new RevTree<T>();
        var stack = new Stack<(RevNode<T> Source, RevNode<T> Copy)>();
        foreach (var (start, root) in _roots)
        {
            var rootCopy = CopyNode(root, cloneValue);
            clone._roots.Add((start, rootCopy));
            stack.Push((root, rootCopy));
            while (stack.TryPop(out var item))
            {
                foreach (var child in item.Source.Children)
                {
                    var childCopy = CopyNode(child, cloneValue);
                    item.Copy.Children.Add(childCopy);
                    stack.Push((child, childCopy));
                }
            }
        }
        return clone;
    }

    private static RevNode<T> CopyNode(RevNode<T> node, Func<T, T> cloneValue) =>
        new(node.Hash, node.Value is null ? null : cloneValue(node.Value));

    private enum WalkStep { Continue, SkipChildren, Stop }

    /// <summary>
    /// Pre-order over all roots, children in hash order. <c>path</c> holds the nodes from the root down
    /// to the visited one; it is reused, so copy what you keep.
    /// </summary>
    private void Walk(Func<long, RevNode<T>, List<RevNode<T>>, WalkStep> visit)
    {
        var stack = new Stack<(RevNode<T> Node, long Pos, int Depth)>();
        var path = new List<RevNode<T>>();
        foreach (var (start, root) in _roots)
        {
            stack.Push((root, start, 0));
            while (stack.TryPop(out var item))
            {
                path.RemoveRange(item.Depth, path.Count - item.Depth);
                path.Add(item.Node);
                var step = visit(item.Pos, item.Node, path);
                if (step == WalkStep.Stop) return;
                if (step == WalkStep.SkipChildren) continue;
                var children = item.Node.Children;
                for (int i = children.Count - 1; i >= 0; i--) stack.Push((children[i], item.Pos + 1, item.Depth + 1));
            }
        }
    }

    /// <summary>The hashes of <paramref name="path"/>, newest first.</summary>
    private static string[] NewestFirst(List<RevNode<T>> path)
    {
        var hashes = new string[path.Count];
        for (int i = 0; i < hashes.Length; i++) hashes[i] = path[path.Count - 1 - i].Hash;
        return hashes;
    }

    private void SortRoots() => _roots.Sort(CompareRoots);

    private void InsertRoot(long startPos, RevNode<T> root)
    {
        int lo = 0, hi = _roots.Count;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (CompareRoots(_roots[mid], (startPos, root)) <= 0) lo = mid + 1;
            else hi = mid;
        }
        _roots.Insert(lo, (startPos, root));
    }

    private static int CompareRoots((long StartPos, RevNode<T> Root) a, (long StartPos, RevNode<T> Root) b)
    {
        int byPos = a.StartPos.CompareTo(b.StartPos);
        return byPos != 0 ? byPos : RevHash.Compare(a.Root.Hash, b.Root.Hash);
    }
}
