using CouchJs.Storage.BTrees;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;

namespace CouchJs.Storage.Tests.BTrees;

/// <summary>BTreeSpec.CacheLeaves: leaves read through such a spec stay in the node cache; otherwise only inner nodes do.</summary>
public class LeafCacheTests
{
    private static readonly BTreeSpec<long, long, long> Spec = new(
        Comparer<long>.Default, Int64Codec.Instance, Int64Codec.Instance, Int64Codec.Instance, CountReducer<long, long>.Instance);

    private static (CouchFile File, BTreeRoot<long>? Root) Tree()
    {
        var file = CouchFile.Open(new MemoryDevice(), CouchFileOptions.Default);
        var tree = new BTree<long, long, long>(file, Spec).Modify([.. Enumerable.Range(0, 5000).Select(i => new KeyValuePair<long, long>(i, i))]);
        file.Cache.Clear();
        return (file, tree.Root);
    }

    [Fact]
    public void LeavesAreCachedOnlyThroughASpecThatAsks()
    {
        var (file, root) = Tree();
        Assert.Equal(5000, new BTree<long, long, long>(file, Spec, root).Enumerate().Count());
        long innerOnly = file.Cache.Bytes;
        Assert.Equal(5000, new BTree<long, long, long>(file, Spec with { CacheLeaves = true }, root).Enumerate().Count());
        Assert.True(file.Cache.Bytes > 5 * innerOnly, $"{file.Cache.Bytes} bytes cached with leaves, {innerOnly} without");
        long withLeaves = file.Cache.Bytes;
        Assert.Equal(5000, new BTree<long, long, long>(file, Spec with { CacheLeaves = true }, root).Enumerate().Count());
        Assert.Equal(withLeaves, file.Cache.Bytes);
    }
}
