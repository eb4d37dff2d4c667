namespace CouchJs.Database.Revisions;

public sealed partial class RevTree<T>
{
    /// <summary>
    /// A merge lines a path up with the first root it meets only, so a path that also overlaps a later
    /// root leaves revisions in two roots (what couch_key_tree:stem detects as dupe_keys and repairs).
    /// Join such roots right away, so the tree never holds a revision twice.
    /// </summary>
    private void JoinOverlaps(Graft graft, RevPath<T> path)
    {
        if (_roots.Count < 2) return;
        // Only new nodes can be duplicates: the ones the path met were the target root's alone.
        var revs = new HashSet<Rev>();
        for (int i = 0; i < graft.PrefixEnd; i++) revs.Add(new Rev(path.Start + i, path.Hashes[i]));
        for (int i = graft.GraftStart; i < path.Length; i++) revs.Add(new Rev(path.Start + i, path.Hashes[i]));
        if (revs.Count == 0) return;
        long lastPos = revs.Max(r => r.Pos);

        var overlapping = new List<(long StartPos, RevNode<T> Root)>();
        var stack = new Stack<(RevNode<T> Node, long Pos)>();
        foreach (var root in _roots)
        {
            if (ReferenceEquals(root.Root, graft.Root) || root.StartPos > lastPos) continue;
            if (Holds(root, revs, lastPos, stack)) overlapping.Add(root);
        }
        if (overlapping.Count == 0) return;
        overlapping.Add(_roots.Find(r => ReferenceEquals(r.Root, graft.Root)));
        Rebuild(overlapping);
    }

    /// <summary>Whether the root holds one of <paramref name="revs"/>, none of which is past <paramref name="lastPos"/>.</summary>
    private static bool Holds((long StartPos, RevNode<T> Root) root, HashSet<Rev> revs, long lastPos, Stack<(RevNode<T> Node, long Pos)> stack)
    {
        stack.Clear();
        stack.Push((root.Root, root.StartPos));
        while (stack.TryPop(out var item))
        {
            if (revs.Contains(new Rev(item.Pos, item.Node.Hash))) return true;
            if (item.Pos == lastPos) continue;
            foreach (var child in item.Node.Children) stack.Push((child, item.Pos + 1));
        }
        return false;
    }

    /// <summary>
    /// couch_key_tree:repair_tree over the given roots: merge every leaf's full path, oldest start
    /// first, into an empty tree. CouchDB cuts each path to revs_limit before merging; leaving that to
    /// the stem that follows keeps ancestry that another leaf still shares.
    /// </summary>
    private void Rebuild(List<(long StartPos, RevNode<T> Root)> roots)
    {
        var paths = new List<RevPath<T>>();
        var stack = new Stack<(RevNode<T> Node, long Pos, int Depth)>();
        var line = new List<RevNode<T>>();
        foreach (var (start, root) in roots)
        {
            _roots.Remove((start, root));
            stack.Push((root, start, 0));
            while (stack.TryPop(out var item))
            {
                line.RemoveRange(item.Depth, line.Count - item.Depth);
                line.Add(item.Node);
                foreach (var child in item.Node.Children) stack.Push((child, item.Pos + 1, item.Depth + 1));
                if (item.Node.Children.Count == 0) paths.Add(PathOf(line, item.Pos));
            }
        }
        paths.Sort(ComparePaths);

        var rebuilt = new RevTree<T>();
        foreach (var path in paths) rebuilt.MergePath(path, out _);
        _roots.AddRange(rebuilt._roots);
        SortRoots();
    }

    private static RevPath<T> PathOf(List<RevNode<T>> line, long leafPos)
    {
        var hashes = new string[line.Count];
        var values = new T?[line.Count];
        for (int i = 0; i < line.Count; i++) (hashes[i], values[i]) = (line[i].Hash, line[i].Value);
        return new RevPath<T>(leafPos - line.Count + 1, hashes, values);
    }

    /// <summary>Erlang's order of <c>{Start, Path}</c> with the path leaf first (values cannot be ordered here, so hashes only).</summary>
    private static int ComparePaths(RevPath<T> a, RevPath<T> b)
    {
        int byStart = a.Start.CompareTo(b.Start);
        if (byStart != 0) return byStart;
        for (int i = a.Length - 1, j = b.Length - 1; i >= 0 && j >= 0; i--, j--)
        {
            int byHash = RevHash.Compare(a.Hashes[i], b.Hashes[j]);
            if (byHash != 0) return byHash;
        }
        return a.Length.CompareTo(b.Length);
    }
}
