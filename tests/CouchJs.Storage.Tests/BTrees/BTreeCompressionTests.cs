using CouchJs.Storage.BTrees;
using CouchJs.Storage.Compression;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;

namespace CouchJs.Storage.Tests.BTrees;

public class BTreeCompressionTests
{
    [Theory]
    [InlineData("snappy")]
    [InlineData("deflate_6")]
    [InlineData("zstd_3")]
    public void NodesAreStoredCompressedAndReadBackTheSame(string compression)
    {
        var entries = Enumerable.Range(0, 3000)
            .Select(i => new KeyValuePair<long, ReadOnlyMemory<byte>>(i * 7, System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"value of {i};", 12)))))
            .ToList();
        long plain = Build(FileCompression.None, entries).Device.Length;
        var (device, stored) = Build(FileCompression.Parse(compression), entries);

        Assert.True(device.Length < plain * 2 / 3, $"{compression} file is {device.Length} bytes, uncompressed {plain}");
        var options = new CouchFileOptions { Compression = FileCompression.Parse(compression) };
        var tree = BTree<long, ReadOnlyMemory<byte>, long>.Open(CouchFile.Open(new MemoryDevice(device.ToArray()), options), Trees.Counted, stored);
        Assert.Equal(entries.Count, TreeShape.Check(tree).Entries);
        Assert.Equal(entries.Count, tree.FullReduce());
        Assert.Equal(entries.Select(e => (e.Key, System.Text.Encoding.ASCII.GetString(e.Value.Span))),
            tree.Enumerate().Select(e => (e.Key, System.Text.Encoding.ASCII.GetString(e.Value.Span))));
    }

    private static (MemoryDevice Device, StoredRoot? Root) Build(FileCompression compression, List<KeyValuePair<long, ReadOnlyMemory<byte>>> entries)
    {
        var device = new MemoryDevice();
        var file = CouchFile.Open(device, new CouchFileOptions { Compression = compression });
        var tree = new BTree<long, ReadOnlyMemory<byte>, long>(file, Trees.Counted);
        foreach (var chunk in entries.Chunk(500)) tree = tree.Modify(chunk);
        file.Commit([1]);
        return (device, tree.ToStoredRoot());
    }
}
