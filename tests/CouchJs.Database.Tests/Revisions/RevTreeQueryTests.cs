using CouchJs.Database.Revisions;
using static CouchJs.Database.Tests.Revisions.TreeNotation;

namespace CouchJs.Database.Tests.Revisions;

/// <summary>couch_key_tree_tests "Missing tree leaves", "Leaves retrieving", "Leaf counting", plus winner choice.</summary>
public sealed class RevTreeQueryTests
{
    private const string TwoChildSibs = "0@1:foo[1a:bar,1b:bar]";
    private const string OneChild = "0@1:foo[1a:bar]";
    private const string Stemmed = "1@1a:bar[1aa:bar]";

    private static Rev R(string text) => Rev.TryParse(text, out var rev) ? rev : throw new ArgumentException(text);

    private static Rev[] Revs(params string[] texts) => [.. texts.Select(R)];

    [Fact]
    public void FindsNoMissingLeaves() =>
        Assert.Empty(Build(TwoChildSibs).FindMissing(Revs("0-1", "1-1a")));

    [Fact]
    public void FindsMissingLeaves()
    {
        Assert.Equal(Revs("0-10", "100-x"), Build(TwoChildSibs).FindMissing(Revs("0-1", "0-10", "1-1a", "100-x")));
        Assert.Equal(Revs("0-1", "100-x"), Build(Stemmed).FindMissing(Revs("0-1", "1-1a", "100-x")));
        Assert.Equal(Revs("0-1", "1-1a", "100-x"), Build("2@1aa:bar").FindMissing(Revs("0-1", "1-1a", "100-x")));
    }

    [Fact]
    public void GetsAnyNodeWithItsPath()
    {
        var tree = Build(TwoChildSibs);
        AssertLeaf(tree.Find(R("0-1")), "0-1", "foo", "1");
        AssertLeaf(tree.Find(R("1-1a")), "1-1a", "bar", "1a", "1");
        Assert.Null(tree.Find(R("1-1")));
        Assert.Null(tree.Find(R("2-1a")));
    }

    [Fact]
    public void GathersLeavesOfKeys()
    {
        var tree = Build(TwoChildSibs);
        Assert.Empty(tree.LeavesOf(Revs("0-x"), out var missing));
        Assert.Equal(Revs("0-x"), missing);

        Assert.Equal(["1-1a"], Show(tree.LeavesOf(Revs("1-1a"), out missing)));
        Assert.Empty(missing);
        Assert.Equal(["1-1a", "1-1b"], Show(tree.LeavesOf(Revs("0-1"), out _)));
        Assert.Equal(["1-1a"], Show(Build(OneChild).LeavesOf(Revs("0-1", "1-1a"), out missing)));
        Assert.Empty(missing);
        Assert.Equal(["1-1a", "1-1b"], Show(tree.LeavesOf(Revs("0-1", "1-1a"), out missing)));
        Assert.Empty(missing);
    }

    [Fact]
    public void LeafOfKeyCarriesValueAndPath()
    {
        AssertLeaf(Assert.Single(Build(TwoChildSibs).LeavesOf(Revs("1-1a"), out _)), "1-1a", "bar", "1a", "1");
    }

    [Fact]
    public void RetrievesAllLeavesWithTheirPaths()
    {
        AssertLeaf(Assert.Single(Build(Stemmed).Leaves()), "2-1aa", "bar", "1aa", "1a");

        var leaves = Build(TwoChildSibs).Leaves();
        Assert.Equal(["1-1b", "1-1a"], Show(leaves));
        Assert.Equal(["1a", "1"], leaves[1].PathHashes);
    }

    [Fact]
    public void SortsLeavesByRevDescending() =>
        Assert.Equal(["3-c", "2-y", "2-x", "1-z"], Show(Build("1@a[b[c],x,y] 1@z").Leaves()));

    [Theory]
    [InlineData("", 0)]
    [InlineData("0@1:foo", 1)]
    [InlineData(TwoChildSibs, 2)]
    [InlineData("2@1bb:boo", 1)]
    public void CountsLeaves(string tree, int count) => Assert.Equal(count, Build(tree).Leaves().Count);

    [Fact]
    public void TellsLeavesFromInternalNodes()
    {
        var tree = Build(TwoChildSibs);
        Assert.True(tree.IsLeaf(R("1-1a")));
        Assert.False(tree.IsLeaf(R("0-1")));
        Assert.True(tree.Contains(R("0-1")));
        Assert.False(tree.Contains(R("1-1")));
        Assert.False(tree.IsLeaf(R("1-x")));
        Assert.Equal(3, tree.NodeCount);
    }

    [Theory]
    [InlineData("1@a:live[b:live,c:del[d:del]]", "2-b")]
    [InlineData("1@a:live[b:live,c:live]", "2-c")]
    [InlineData("1@a:live[b:del,c:del[d:del]]", "3-d")]
    [InlineData("1@a:live[b:live,c:live[d:live]] 1@z:live", "3-d")]
    [InlineData("1@a:live[b:del[c:del]] 1@z:live", "1-z")]
    public void PicksTheWinnerLikeCouchDb(string tree, string winner)
    {
        var leaf = Build(tree).Winner(value => value == "del");
        Assert.Equal(winner, leaf.Rev.ToString());
        Assert.Equal(leaf.Rev.Hash, leaf.PathHashes[0]);
    }

    [Fact]
    public void WinnerCarriesItsPath() =>
        Assert.Equal(["d", "c", "a"], Build("1@a:live[b:live,c:live[d:live]]").Winner(_ => false).PathHashes);

    [Fact]
    public void EmptyTreeHasNoWinner() =>
        Assert.Throws<InvalidOperationException>(() => new RevTree<string>().Winner(_ => false));

    [Fact]
    public void PossibleAncestorsAreLowerLeaves()
    {
        var tree = Build("1@a[b[c],x]");
        Assert.Equal(Revs("2-x"), tree.PossibleAncestors(R("3-z")));
        Assert.Equal(Revs("3-c", "2-x"), tree.PossibleAncestors(R("4-z")));
        Assert.Empty(tree.PossibleAncestors(R("1-q")));
    }

    private static string[] Show(IEnumerable<RevLeaf<string>> leaves) => [.. leaves.Select(l => l.Rev.ToString())];

    private static void AssertLeaf(RevLeaf<string>? leaf, string rev, string value, params string[] path)
    {
        Assert.NotNull(leaf);
        Assert.Equal(rev, leaf.Rev.ToString());
        Assert.Equal(value, leaf.Value);
        Assert.Equal(path, leaf.PathHashes);
    }
}
