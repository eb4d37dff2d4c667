using CouchJs.Database.Revisions;
using static CouchJs.Database.Tests.Revisions.TreeNotation;

namespace CouchJs.Database.Tests.Revisions;

/// <summary>couch_key_tree_tests "Stemming", and how stemming splits and joins roots.</summary>
public sealed class RevTreeStemTests
{
    private static string Stem(string tree, int limit)
    {
        var revTree = Build(tree);
        revTree.Stem(limit);
        return Show(revTree);
    }

    [Fact]
    public void HasNoEffectForStemmingMoreLevelsThanExist() =>
        Assert.Equal("0@1:foo[1a:bar[1aa:bar]]", Stem("0@1:foo[1a:bar[1aa:bar]]", 3));

    [Fact]
    public void ReturnsOneDeepestNode() => Assert.Equal("2@1aa:bar", Stem("0@1:foo[1a:bar[1aa:bar]]", 1));

    [Fact]
    public void ReturnsTwoDeepestNodes() => Assert.Equal("1@1a:bar[1aa:bar]", Stem("0@1:foo[1a:bar[1aa:bar]]", 2));

    [Fact]
    public void ConflictBelowTheCutBecomesTwoRoots()
    {
        Assert.Equal("3@c:v 3@d:v", Stem("1@a:v[b:v[c:v,d:v]]", 1));
        Assert.Equal("2@b:v[c:v,d:v]", Stem("1@a:v[b:v[c:v,d:v]]", 2));
    }

    [Fact]
    public void KeepsEveryNodeNearSomeLeaf() =>
        Assert.Equal("1@a[x] 4@d[e]", Stem("1@a[b[c[d[e]]],x]", 2));

    [Fact]
    public void MergeStemsAfterwards()
    {
        var tree = Build("1@a:v[b:v[c:v]]");
        Assert.Equal(MergeOutcome.NewLeaf, tree.Merge(4, ["d", "c"], "w", 2));
        Assert.Equal("3@c:v[d:w]", Show(tree));
    }

    [Fact]
    public void MergingAPathThatOverlapsTwoRootsJoinsThemBeforeStemming()
    {
        var tree = Build("1@a:v[b:v] 4@d:v[e:v]");
        Assert.Equal(MergeOutcome.NewLeaf, tree.Merge(4, ["d", "c", "b"], "v", 3));
        Assert.Equal("3@c[d:v[e:v]]", Show(tree));
    }

    [Fact]
    public void StemmedAncestorsComeBackOnlyWithinTheLimit()
    {
        var tree = Build("3@c:v[d:v]");
        Assert.Equal(MergeOutcome.InternalNode, tree.Merge(4, ["d", "c", "b", "a"], "v", 3));
        Assert.Equal("2@b[c:v[d:v]]", Show(tree));
    }

    [Fact]
    public void RejectsLimitBelowOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Build("1@a:v").Stem(0));
}
