using CouchJs.Database.Revisions;
using CouchJs.Storage.Encoding;
using static CouchJs.Database.Tests.Revisions.TreeNotation;

namespace CouchJs.Database.Tests.Revisions;

public sealed class RevTreeCodecTests
{
    private const string Hex = "0123456789abcdef0123456789abcdef";

    internal static byte[] Encode(RevTree<string> tree)
    {
        var writer = new BufferWriter();
        tree.Write(writer, static (w, value) => w.WriteString(value));
        return writer.ToArray();
    }

    internal static RevTree<string> Decode(byte[] bytes)
    {
        var reader = new BufferReader(bytes);
        var tree = RevTree<string>.Read(ref reader, static (ref BufferReader r) => r.ReadString());
        Assert.True(reader.AtEnd);
        return tree;
    }

    [Theory]
    [InlineData("")]
    [InlineData("1@a:v")]
    [InlineData("0@1:foo[1a:bar[1aa],1b:bar]")]
    [InlineData("1@a:v[b] 3@c:v[d:v,e] 3@f")]
    [InlineData("1@" + Hex + ":x[" + Hex + "[x" + Hex + ":y]]")]
    [InlineData("1@0123456789ABCDEF0123456789ABCDEF:upper")]
    [InlineData("1@h\u00e9llo:\u00fcnicode")]
    public void RoundTrips(string notation)
    {
        var tree = Build(notation);
        Assert.Equal(notation, Show(Decode(Encode(tree))));
    }

    [Fact]
    public void StoresHexHashesAsSixteenBytes()
    {
        var tree = new RevTree<string>();
        tree.Merge(1, [Hex], "v", 10);
        // root count, start, flags, 16 hash bytes, value (length + 1 byte).
        Assert.Equal(1 + 1 + 1 + 16 + 2, Encode(tree).Length);
    }

    [Fact]
    public void RoundTripsNodesWithManyChildren()
    {
        var tree = new RevTree<string>();
        for (int i = 0; i < 200; i++) tree.Merge(2, [$"c{i:D3}", "root"], $"v{i}", 10);
        var decoded = Decode(Encode(tree));
        Assert.Equal(Show(tree), Show(decoded));
        Assert.Equal(200, decoded.Roots[0].Root.Children.Count);
    }

    [Fact]
    public void DeepTreeRoundTripsWithoutStackOverflow()
    {
        const int depth = 3000;
        var hashes = Enumerable.Range(0, depth).Select(i => (depth - i).ToString("x32")).ToArray();
        var tree = new RevTree<string>();
        Assert.Equal(MergeOutcome.NewLeaf, tree.Merge(depth, hashes, "leaf", depth));
        // A conflict near the bottom of the history.
        Assert.Equal(MergeOutcome.NewBranch, tree.Merge(3, ["side", hashes[^2], hashes[^1]], "side", depth));

        var decoded = Decode(Encode(tree));
        Assert.Equal(depth + 1, decoded.NodeCount);
        Assert.Equal(hashes, decoded.Winner(_ => false).PathHashes);
        Assert.Equal(Encode(tree), Encode(decoded.Clone(v => v)));
        Assert.Empty(decoded.FindMissing([new Rev(1, hashes[^1]), new Rev(depth, hashes[0])]));

        // The side branch keeps its two ancestors; the long one its newest 1000 revisions.
        decoded.Stem(1000);
        Assert.Equal(1000 + 3, decoded.NodeCount);
        Assert.Equal([1L, depth - 999], decoded.Roots.Select(r => r.StartPos));
        Assert.Equal(1, decoded.RemoveLeaves([new Rev(depth, hashes[0])]));
        Assert.Equal($"1@{hashes[^1]}[{hashes[^2]}[side:side]]", Show(decoded));
    }

    [Fact]
    public void CloneCopiesNodesAndValues()
    {
        var tree = Build("1@a:v[b[c:w]]");
        var clone = tree.Clone(v => v + "'");
        Assert.Equal("1@a:v'[b[c:w']]", Show(clone));
        clone.Merge(4, ["d", "c"], "x", 10);
        Assert.Equal("1@a:v[b[c:w]]", Show(tree));
    }

    [Fact]
    public void ForEachNodeVisitsEveryNodeWithItsRev()
    {
        var seen = new List<string>();
        Build("1@a:v[b[c:w],x:y] 4@q:z").ForEachNode((rev, node, isLeaf) => seen.Add($"{rev}{(isLeaf ? "*" : "")}:{node.Value}"));
        Assert.Equal(["1-a:v", "2-b:", "3-c*:w", "2-x*:y", "4-q*:z"], seen);
    }
}
