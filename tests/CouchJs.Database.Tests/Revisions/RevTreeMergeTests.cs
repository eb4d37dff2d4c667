using CouchJs.Database.Revisions;
using static CouchJs.Database.Tests.Revisions.TreeNotation;

namespace CouchJs.Database.Tests.Revisions;

/// <summary>couch_key_tree_tests "Key tree merge", merged then stemmed at 10 like their merge_and_stem.</summary>
public sealed class RevTreeMergeTests
{
    private const int Depth = 10;

    private static (string Tree, MergeOutcome Outcome) MergeAndStem(string tree, string path, string value)
    {
        var revTree = Build(tree);
        var (leafPos, hashes) = Path(path);
        var outcome = revTree.Merge(leafPos, hashes, value, Depth);
        return (Show(revTree), outcome);
    }

    [Fact]
    public void MergesWithEmptyTree() =>
        Assert.Equal(("1@1:foo", MergeOutcome.NewLeaf), MergeAndStem("", "1:1", "foo"));

    [Fact]
    public void MergesReflexive() =>
        Assert.Equal(("1@1:foo", MergeOutcome.InternalNode), MergeAndStem("1@1:foo", "1:1", "foo"));

    [Fact]
    public void MergesPrefixOfATreeWithTree() =>
        Assert.Equal(("1@1:foo 1@2:foo", MergeOutcome.InternalNode), MergeAndStem("1@1:foo 1@2:foo", "1:1", "foo"));

    [Fact]
    public void ProducesConflictOnMergeWithUnrelatedBranch() =>
        Assert.Equal(("1@1:foo 1@2:foo 1@3:foo", MergeOutcome.NewBranch), MergeAndStem("1@1:foo 1@2:foo", "1:3", "foo"));

    [Fact]
    public void MergesReflexiveForChildNodes() =>
        Assert.Equal(("1@1:foo[1a:bar[1aa:bar]]", MergeOutcome.InternalNode),
            MergeAndStem("1@1:foo[1a:bar[1aa:bar]]", "3:1aa,1a,1", "bar"));

    [Fact]
    public void MergesTreeToItself()
    {
        const string twoChildSibs = "1@1:foo[1a:bar,1b:bar]";
        var tree = Build(twoChildSibs);
        foreach (var leaf in tree.Leaves())
            Assert.Equal(MergeOutcome.InternalNode, tree.Merge(leaf.Rev.Pos, leaf.PathHashes, "bar", Depth));
        Assert.Equal(twoChildSibs, Show(tree));
    }

    [Fact]
    public void MergesTreeOfOddLength() =>
        Assert.Equal(("1@1:foo[1a:bar[1aa:bar],1b:bar]", MergeOutcome.NewLeaf),
            MergeAndStem("1@1:foo[1a:bar,1b:bar]", "3:1aa,1a,1", "bar"));

    [Fact]
    public void MergesTreeWithStem() =>
        Assert.Equal(("1@1:foo[1a:bar,1b:bar]", MergeOutcome.InternalNode),
            MergeAndStem("1@1:foo[1a:bar,1b:bar]", "2:1a", "bar"));

    [Fact]
    public void MergesWithStemAtDeeperLevel() =>
        Assert.Equal(("1@1:foo[1a:bar,1b:bar[1bb:boo]]", MergeOutcome.InternalNode),
            MergeAndStem("1@1:foo[1a:bar,1b:bar[1bb:boo]]", "3:1bb", "boo"));

    [Fact]
    public void MergesWithStemAtDeeperLevelWithDeeperPaths() =>
        Assert.Equal(("2@1a:bar 2@1b:bar[1bb:boo]", MergeOutcome.InternalNode),
            MergeAndStem("2@1a:bar 2@1b:bar[1bb:boo]", "3:1bb", "boo"));

    [Fact]
    public void MergesSingleTreeWithDeeperStem() =>
        Assert.Equal(("1@1:foo[1a:bar[1aa:bar]]", MergeOutcome.InternalNode),
            MergeAndStem("1@1:foo[1a:bar[1aa:bar]]", "3:1aa", "bar"));

    [Fact]
    public void MergesTreeWithLargeStem() =>
        Assert.Equal(("1@1:foo[1a:bar[1aa:bar]]", MergeOutcome.InternalNode),
            MergeAndStem("1@1:foo[1a:bar[1aa:bar]]", "3:1aa,1a", "bar"));

    [Fact]
    public void MergesStems() =>
        Assert.Equal(("2@1a:bar[1aa:bar]", MergeOutcome.InternalNode), MergeAndStem("2@1a:bar[1aa:bar]", "3:1aa", "bar"));

    [Fact]
    public void CreatesConflictsOnMerge() =>
        Assert.Equal(("1@1:foo[1a:bar] 3@1aa:bar", MergeOutcome.NewBranch), MergeAndStem("1@1:foo[1a:bar]", "3:1aa", "bar"));

    [Fact]
    public void CreatesNoConflictsOnMerge() =>
        Assert.Equal(("1@1:foo[1a:bar[1aa:bar]]", MergeOutcome.NewLeaf),
            MergeAndStem("1@1:foo[1a:bar] 3@1aa:bar", "3:1aa,1a,1", "bar"));

    /// <summary>COUCHDB-902: the conflicting branch is left alone and the missing ancestors keep their values.</summary>
    [Fact]
    public void IgnoresConflictingBranch() =>
        Assert.Equal(("1@foo:val1[foo2:val2,foo3:val3[foo4:val4]]", MergeOutcome.NewLeaf),
            MergeAndStem("1@foo:val1[foo2:val2,foo3:val3]", "3:foo4,foo3,foo", "val4"));

    [Fact]
    public void ExtendingAnInternalNodeIsANewBranch() =>
        Assert.Equal(("1@a:x[b:x[c:x,d:y]]", MergeOutcome.NewBranch), MergeAndStem("1@a:x[b:x[c:x]]", "3:d,b", "y"));

    [Fact]
    public void SiblingsStaySortedByHash() =>
        Assert.Equal(("1@a:x[b:x,c:y,d:x]", MergeOutcome.NewBranch), MergeAndStem("1@a:x[b:x,d:x]", "2:c,a", "y"));

    [Fact]
    public void MergeFillsAMissingValueAndKeepsAStoredOne()
    {
        Assert.Equal(("1@a[b:new]", MergeOutcome.InternalNode), MergeAndStem("1@a[b]", "2:b,a", "new"));
        Assert.Equal(("1@a[b:old]", MergeOutcome.InternalNode), MergeAndStem("1@a[b:old]", "2:b,a", "new"));
    }

    [Fact]
    public void PathStartingBeforeAStemmedRootGivesItAncestors() =>
        Assert.Equal(("1@a[b[c:v[d:v]]]", MergeOutcome.InternalNode), MergeAndStem("3@c:v[d:v]", "4:d,c,b,a", "v"));

    [Fact]
    public void PathStartingBeforeAStemmedRootCanExtendIt() =>
        Assert.Equal(("2@b[c:v[d:w]]", MergeOutcome.NewLeaf), MergeAndStem("3@c:v", "4:d,c,b", "w"));

    [Fact]
    public void PathThatMissesAStemmedRootIsANewRoot() =>
        Assert.Equal(("2@b[x:v] 3@c:v", MergeOutcome.NewBranch), MergeAndStem("3@c:v", "3:x,b", "v"));

    [Fact]
    public void PathOverlappingTwoRootsJoinsThem() =>
        Assert.Equal(("1@a:v[b:v[c[d:v[e:v]]]]", MergeOutcome.NewLeaf),
            MergeAndStem("1@a:v[b:v] 4@d:v[e:v]", "4:d,c,b", "v"));

    [Fact]
    public void RejectsEmptyPathAndLimitBelowOne()
    {
        var tree = new RevTree<string>();
        Assert.Throws<ArgumentException>(() => tree.Merge(1, [], "v", 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Merge(1, ["a"], "v", 0));
        Assert.True(tree.IsEmpty);
    }
}
