using CouchJs.Storage.BTrees;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;

namespace CouchJs.Storage.Tests.BTrees;

public class BTreeSmokeTests
{
    [Fact]
    public void InsertLookupFoldReduceSurviveReopen()
    {
        var device = new MemoryDevice();
        var file = CouchFile.Open(device);
        var tree = new BTree<long, long, long>(file, Trees.Summed);
        var inserts = Enumerable.Range(0, 5000).Select(i => new KeyValuePair<long, long>(i * 2, i)).ToList();
        tree = tree.Modify(inserts);
        file.Commit(System.Text.Encoding.UTF8.GetBytes(tree.Root!.Value.Pointer.ToString()));
        var stored = tree.ToStoredRoot();

        var reopened = CouchFile.Open(new MemoryDevice(device.ToArray()));
        var again = BTree<long, long, long>.Open(reopened, Trees.Summed, stored);
        Assert.True(again.TryGet(200, out long v));
        Assert.Equal(100, v);
        Assert.False(again.TryGet(201, out _));
        Assert.Equal(Enumerable.Range(0, 5000).Sum(i => (long)i), again.FullReduce());
        Assert.Equal(Enumerable.Range(10, 11).Sum(i => (long)i), again.Reduce(KeyRange<long>.Between(20, 40)));
        Assert.Equal(Enumerable.Range(10, 10).Sum(i => (long)i), again.Reduce(KeyRange<long>.Between(20, 40, inclusiveEnd: false)));
        Assert.Equal([40L, 38, 36], again.Enumerate(KeyRange<long>.From(41), descending: true).Take(3).Select(kv => kv.Key));
        var groups = new List<(long, long)>();
        again.FoldReduce((a, b) => a / 1000 == b / 1000, (k, r) => { groups.Add((k, r)); return true; });
        Assert.Equal(10, groups.Count);
        Assert.Equal(Enumerable.Range(0, 500).Sum(i => (long)i), groups[0].Item2);

        var removed = again.Remove([.. Enumerable.Range(0, 2500).Select(i => (long)i * 2)]);
        Assert.Equal(Enumerable.Range(2500, 2500).Sum(i => (long)i), removed.FullReduce());
        Assert.Equal(2500, removed.Enumerate().Count());
    }
}
