using CouchJs.Database.Revisions;

namespace CouchJs.Database.Tests.Revisions;

/// <summary>
/// Seeded random merges and purges checked against a model. Revisions come from one true history
/// (each hash has one parent, as content-derived hashes do) and clients send random stretches of it,
/// as replication does after stemming; the model is the union of what was sent, cut to the newest
/// revsLimit revisions of every leaf.
/// </summary>
public sealed class RevTreeRandomTests
{
    private const int Steps = 1000;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 5)]
    [InlineData(5, 1000)]
    public void MatchesModel(int seed, int revsLimit)
    {
        var random = new Random(seed);
        var history = new History(random);
        var model = new Model();
        var tree = new RevTree<string>();
        for (int step = 0; step < Steps; step++)
        {
            if (history.Count == 0 || random.Next(3) == 0) history.Grow();
            if (model.Nodes.Count > 0 && random.Next(40) == 0)
            {
                var leaves = model.Leaves();
                var leaf = leaves.ElementAt(random.Next(leaves.Count));
                Assert.Equal(1, tree.RemoveLeaves([leaf]));
                model.Remove(leaf);
                AssertSame(model, tree);
                continue;
            }

            var path = history.PathTo(history.PickRecent(), random.Next(4) == 0 ? 1 + random.Next(20) : 1 + random.Next(3));
            var expected = model.Expect(path);
            bool newLeaf = !model.Contains(path[^1]);
            var outcome = tree.Merge(path[^1].Pos, [.. path.Reverse().Select(r => r.Hash)], Value(path[^1]), revsLimit);
            model.Merge(path);
            model.Stem(revsLimit);

            if (expected is { } e) Assert.Equal(e, outcome);
            if (newLeaf) Assert.NotEqual(MergeOutcome.InternalNode, outcome);
            AssertSame(model, tree);

            // The costlier checks (leaf paths are as long as the history) on every tenth step.
            if (step % 10 != 0) continue;
            AssertLeafPaths(model, tree, revsLimit);
            var sample = Enumerable.Range(0, 20).Select(_ => history[random.Next(history.Count)]).ToArray();
            Assert.Equal(sample.Where(r => !model.Contains(r)), tree.FindMissing(sample));
            Assert.Equal(Dump(tree), Dump(RevTreeCodecTests.Decode(RevTreeCodecTests.Encode(tree))));
        }
    }

    private static string Value(Rev rev) => "v" + rev.Hash;

    /// <summary>Same revisions, parents, values and leaves; mismatches are gathered so one assert reports them.</summary>
    private static void AssertSame(Model model, RevTree<string> tree)
    {
        var problems = new List<string>();
        var nodes = new Dictionary<Rev, (Rev? Parent, string? Value, bool IsLeaf)>();
        var stack = new Stack<(RevNode<string> Node, long Pos, Rev? Parent)>();
        for (int i = 0; i < tree.Roots.Count; i++)
        {
            var (start, root) = tree.Roots[i];
            if (i > 0 && new Rev(tree.Roots[i - 1].StartPos, tree.Roots[i - 1].Root.Hash).CompareTo(new Rev(start, root.Hash)) >= 0)
                problems.Add($"root {start}-{root.Hash} is out of order");
            stack.Push((root, start, null));
            while (stack.TryPop(out var item))
            {
                var rev = new Rev(item.Pos, item.Node.Hash);
                if (!nodes.TryAdd(rev, (item.Parent, item.Node.Value, item.Node.Children.Count == 0))) problems.Add($"{rev} is in the tree twice");
                foreach (var child in item.Node.Children) stack.Push((child, item.Pos + 1, rev));
            }
        }

        if (model.Nodes.Count != nodes.Count) problems.Add($"{nodes.Count} nodes, model has {model.Nodes.Count}");
        foreach (var (rev, (parent, hasValue)) in model.Nodes)
        {
            if (!nodes.TryGetValue(rev, out var node)) problems.Add($"{rev} is missing");
            else if (node.Parent != parent) problems.Add($"{rev} has parent {node.Parent}, model {parent}");
            else if (node.Value != (hasValue ? Value(rev) : null)) problems.Add($"{rev} has value {node.Value}");
        }
        if (!model.Leaves().SetEquals(nodes.Where(n => n.Value.IsLeaf).Select(n => n.Key))) problems.Add("leaves differ");
        Assert.Empty(problems);
    }

    /// <summary>
    /// Leaves() paths match the model's, and stemming kept exactly the nodes among the newest
    /// <paramref name="revsLimit"/> revisions of some leaf's path (a purge may leave more until the next stem).
    /// </summary>
    private static void AssertLeafPaths(Model model, RevTree<string> tree, int revsLimit)
    {
        var near = new HashSet<Rev>();
        foreach (var leaf in tree.Leaves())
        {
            Assert.Equal(model.PathOf(leaf.Rev), leaf.PathHashes);
            for (int i = 0; i < Math.Min(revsLimit, leaf.PathHashes.Count); i++) near.Add(new Rev(leaf.Rev.Pos - i, leaf.PathHashes[i]));
        }
        Assert.True(near.SetEquals(model.Nodes.Keys));
    }

    private static List<string> Dump(RevTree<string> tree)
    {
        var lines = new List<string>();
        foreach (var (start, root) in tree.Roots) lines.Add($"root {start}");
        tree.ForEachNode((rev, node, isLeaf) => lines.Add($"{rev} {node.Value} {isLeaf} {node.Children.Count}"));
        return lines;
    }

    /// <summary>The true history: revisions with their parents, growing mostly at recent revisions.</summary>
    private sealed class History(Random random)
    {
        private readonly List<(Rev Rev, int Parent)> _revs = [];

        public int Count => _revs.Count;

        public Rev this[int index] => _revs[index].Rev;

        public void Grow()
        {
            if (_revs.Count == 0 || random.Next(40) == 0)
            {
                _revs.Add((new Rev(1, NewHash()), -1));
                return;
            }
            int parent = PickRecent();
            _revs.Add((new Rev(_revs[parent].Rev.Pos + 1, NewHash()), parent));
        }

        public int PickRecent() =>
            random.Next(3) == 0 ? random.Next(_revs.Count) : Math.Max(0, _revs.Count - 1 - random.Next(10));

        /// <summary>Up to <paramref name="length"/> revisions ending at <paramref name="index"/>, oldest first.</summary>
        public Rev[] PathTo(int index, int length)
        {
            var path = new List<Rev>();
            for (int i = index; i >= 0 && path.Count < length; i = _revs[i].Parent) path.Add(_revs[i].Rev);
            path.Reverse();
            return [.. path];
        }

        private string NewHash()
        {
            // Some custom ids, as new_edits=false allows, to mix both hash encodings.
            if (random.Next(8) == 0) return $"r{_revs.Count}";
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return Convert.ToHexStringLower(bytes);
        }
    }

    private sealed class Model
    {
        public Dictionary<Rev, (Rev? Parent, bool HasValue)> Nodes { get; } = [];

        public bool Contains(Rev rev) => Nodes.ContainsKey(rev);

        public HashSet<Rev> Leaves()
        {
            var leaves = new HashSet<Rev>(Nodes.Keys);
            foreach (var (parent, _) in Nodes.Values)
                if (parent is { } p) leaves.Remove(p);
            return leaves;
        }

        /// <summary>The outcome the merge must report when the model can tell: a first path, or one the tree already holds whole.</summary>
        public MergeOutcome? Expect(Rev[] path)
        {
            if (Nodes.Count == 0) return MergeOutcome.NewLeaf;
            for (int i = 0; i < path.Length; i++)
            {
                if (!Nodes.TryGetValue(path[i], out var node)) return null;
                if (i > 0 && node.Parent != path[i - 1]) return null;
            }
            return MergeOutcome.InternalNode;
        }

        public void Merge(Rev[] path)
        {
            for (int i = 0; i < path.Length; i++)
            {
                bool known = Nodes.TryGetValue(path[i], out var node);
                Rev? parent = i > 0 ? path[i - 1] : known ? node.Parent : null;
                Nodes[path[i]] = (parent, (known && node.HasValue) || i == path.Length - 1);
            }
        }

        public void Stem(int limit)
        {
            // Breadth-first up from every leaf at once, so each node is reached at its nearest leaf's distance.
            var distance = new Dictionary<Rev, int>();
            var queue = new Queue<Rev>();
            foreach (var leaf in Leaves())
            {
                distance[leaf] = 0;
                queue.Enqueue(leaf);
            }
            while (queue.TryDequeue(out var rev))
            {
                int d = distance[rev] + 1;
                if (d < limit && Nodes[rev].Parent is { } parent && distance.TryAdd(parent, d)) queue.Enqueue(parent);
            }
            foreach (var rev in Nodes.Keys.Where(r => !distance.ContainsKey(r)).ToList()) Nodes.Remove(rev);
            foreach (var (rev, node) in Nodes.ToList())
                if (node.Parent is { } p && !distance.ContainsKey(p)) Nodes[rev] = (null, node.HasValue);
        }

        /// <summary>Purge: the leaf, then each ancestor left without children.</summary>
        public void Remove(Rev leaf)
        {
            Rev? rev = leaf;
            while (rev is { } r && !Nodes.Values.Any(n => n.Parent == r))
            {
                rev = Nodes[r].Parent;
                Nodes.Remove(r);
            }
        }

        public string[] PathOf(Rev leaf)
        {
            var hashes = new List<string>();
            for (Rev? rev = leaf; rev is { } r; rev = Nodes[r].Parent) hashes.Add(r.Hash);
            return [.. hashes];
        }
    }
}
