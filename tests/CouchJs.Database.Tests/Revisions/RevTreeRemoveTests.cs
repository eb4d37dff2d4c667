using CouchJs.Database.Revisions;
using static CouchJs.Database.Tests.Revisions.TreeNotation;

namespace CouchJs.Database.Tests.Revisions;

/// <summary>couch_key_tree_tests "Remove tree leaves" (purge).</summary>
public sealed class RevTreeRemoveTests
{
    private const string TwoChildSibs = "0@1:foo[1a:bar,1b:bar]";
    private const string Stemmed = "1@1a:bar[1aa:bar]";

    private static (string Tree, int Removed) Remove(string tree, params (long Pos, string Hash)[] revs)
    {
        var revTree = Build(tree);
        int removed = revTree.RemoveLeaves(revs.Select(r => new Rev(r.Pos, r.Hash)));
        return (Show(revTree), removed);
    }

    [Fact]
    public void HasNoEffectOnRemovingNoLeaves() => Assert.Equal((TwoChildSibs, 0), Remove(TwoChildSibs));

    [Fact]
    public void HasNoEffectOnRemovingNonExistantBranch() => Assert.Equal((TwoChildSibs, 0), Remove(TwoChildSibs, (0, "1")));

    [Fact]
    public void RemovesLeaf() => Assert.Equal(("0@1:foo[1a:bar]", 1), Remove(TwoChildSibs, (1, "1b")));

    [Fact]
    public void ProducesEmptyTreeOnRemovingAllLeaves() => Assert.Equal(("", 2), Remove(TwoChildSibs, (1, "1b"), (1, "1a")));

    [Fact]
    public void HasNoEffectOnRemovingNonExistantNode() => Assert.Equal((Stemmed, 0), Remove(Stemmed, (1, "1a")));

    [Fact]
    public void ProducesEmptyTreeOnRemovingLastLeaf() => Assert.Equal(("", 1), Remove(Stemmed, (2, "1aa")));

    [Fact]
    public void RemovesAncestorsOnlyOnTheRemovedBranch() =>
        Assert.Equal(("1@a[b[c]] 1@z", 1), Remove("1@a[b[c],x[y[w]]] 1@z", (4, "w")));

    [Fact]
    public void IgnoresARevAtTheWrongPosition() => Assert.Equal((TwoChildSibs, 0), Remove(TwoChildSibs, (2, "1b")));
}
