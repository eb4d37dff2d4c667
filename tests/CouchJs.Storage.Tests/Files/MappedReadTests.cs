using CouchJs.Storage.BTrees;
using CouchJs.Storage.Compression;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Tests.Files;

/// <summary>
/// Reads from a real file go through the read mapping (markers stripped straight out of it) or the
/// write buffer; both give back exactly what was written, and damage on disk is still caught.
/// </summary>
public sealed class MappedReadTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"couchjs-mapped-{Guid.NewGuid():N}");

    public MappedReadTests()
    {
        Directory.CreateDirectory(_dir);
        // The server's default budget; the storage layer alone has none.
        MappedPages.BudgetBytes = 32L << 20;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    // Sizes around the block payload (4095 bytes after a marker) and the chunk prefix, and large ones.
    private static readonly int[] Sizes = [0, 1, 19, 20, 100, 1279, 2048, 4050, 4075, 4076, 4077, 4095, 4096, 4097, 8190, 8191, 12_288, 70_000];

    [Theory]
    [InlineData("none")]
    [InlineData("snappy")]
    [InlineData("zstd_3")]
    public void ChunksReadBackFromTheBufferTheMappingAndAfterReopen(string compression)
    {
        var options = new CouchFileOptions { Compression = FileCompression.Parse(compression), SyncOnCommit = false };
        var rng = new Random(5);
        var written = new List<(long Position, byte[] Payload)>();
        using (var file = CouchFile.Open(FileDevice.Open(PathOf("a.couch"), create: true), options))
        {
            for (int round = 0; round < 3; round++)
            {
                foreach (int size in Sizes.Concat(Enumerable.Range(0, 20).Select(_ => rng.Next(1, 9000))))
                {
                    var payload = Payload(rng, size);
                    var (pos, _) = file.Append(payload);
                    written.Add((pos, payload));
                    Assert.Equal(payload, file.Read(pos));
                }
                // Everything before the flush now comes from the mapping, the rest from the buffer.
                file.Flush();
                foreach (var (pos, payload) in written)
                {
                    Assert.Equal(payload, file.Read(pos));
                    Assert.Equal(payload, file.ReadMemory(pos).ToArray());
                }
            }
            file.Commit([7]);
        }
        using var reopened = CouchFile.Open(FileDevice.Open(PathOf("a.couch"), create: false), options);
        Assert.Equal([7], reopened.LastHeader);
        foreach (var (pos, payload) in written) Assert.Equal(payload, reopened.Read(pos));
    }

    [Fact]
    public void AFlippedByteOnDiskIsAChecksumErrorNeverWrongData()
    {
        var options = new CouchFileOptions { Compression = FileCompression.None };
        var chunks = new List<(long Position, int Size)>();
        string path = PathOf("b.couch");
        using (var file = CouchFile.Open(FileDevice.Open(path, create: true), options))
        {
            var rng = new Random(9);
            foreach (int size in new[] { 10, 3000, 5000, 4500, 9000 }) chunks.Add(file.Append(Payload(rng, size)));
            file.Commit([1]);
        }
        byte[] original = File.ReadAllBytes(path);
        foreach (var (position, size) in chunks)
        {
            // The length word, the checksum, the tag, the first, a middle and the last stored byte.
            foreach (long offset in new long[] { 1, ChunkLengthSize + 3, ChunkPrefixSize, ChunkPrefixSize + 1, size / 2, size - 1 })
            {
                long at = position + offset;
                if (at % BlockSize == 0) at++; // a marker byte is not part of the chunk
                byte[] damaged = (byte[])original.Clone();
                damaged[at] ^= 0x10;
                File.WriteAllBytes(path, damaged);
                using var file = CouchFile.Open(FileDevice.Open(path, create: false), options);
                Assert.Throws<CorruptChunkException>(() => file.ReadMemory(position));
            }
        }
    }

    [Theory]
    [InlineData("none")]
    [InlineData("snappy")]
    public void TreeLookupsOnDiskMatchAModel(string compression)
    {
        var options = new CouchFileOptions { Compression = FileCompression.Parse(compression), SyncOnCommit = false, NodeCacheBytes = 64 << 10 };
        var model = new SortedDictionary<long, byte[]>();
        var rng = new Random(11);
        using var file = CouchFile.Open(FileDevice.Open(PathOf("c.couch"), create: true), options);
        var tree = new BTree<long, ReadOnlyMemory<byte>, long>(file, Trees.Counted);
        for (int batch = 0; batch < 40; batch++)
        {
            var inserts = new List<KeyValuePair<long, ReadOnlyMemory<byte>>>();
            for (int i = 0; i < 100; i++)
            {
                long key = rng.Next(3000);
                var value = Trees.Value(key + batch, rng.Next(1, 3000));
                inserts.Add(new(key, value));
                model[key] = value;
            }
            var removes = Enumerable.Range(0, 20).Select(_ => (long)rng.Next(3000)).Where(k => !inserts.Any(i => i.Key == k)).ToList();
            foreach (long key in removes) model.Remove(key);
            tree = tree.Modify(inserts, removes);
            if (batch % 3 == 0) file.Flush();
            var probes = Enumerable.Range(0, 200).Select(_ => (long)rng.Next(3100)).ToList();
            var many = tree.Lookup(probes);
            for (int p = 0; p < probes.Count; p++)
            {
                bool found = tree.TryGet(probes[p], out var value);
                Assert.Equal(model.ContainsKey(probes[p]), found);
                Assert.Equal(found, many[p].Found);
                if (!found) continue;
                Assert.Equal(model[probes[p]], value.ToArray());
                Assert.Equal(model[probes[p]], many[p].Value.ToArray());
            }
        }
        Assert.Equal(model.Keys, tree.Enumerate().Select(e => e.Key));
    }

    [Fact]
    public void AScanOfALargeFileDoesNotKeepItsPagesInTheProcess()
    {
        const int chunk = 1 << 20, chunks = 128;
        string path = PathOf("d.couch");
        var rng = new Random(13);
        var payloads = Enumerable.Range(0, 4).Select(_ => Payload(rng, chunk)).ToArray();
        var positions = new List<long>();
        using var file = CouchFile.Open(FileDevice.Open(path, create: true), new CouchFileOptions { Compression = FileCompression.None, SyncOnCommit = false });
        for (int i = 0; i < chunks; i++) positions.Add(file.Append(payloads[i % 4]).Position);
        file.Flush();
        long before = ResidentFileKb();
        for (int i = 0; i < chunks; i++) Assert.Equal(payloads[i % 4], file.ReadMemory(positions[i]).ToArray());
        long grown = ResidentFileKb() - before;
        // 128 MB went through the mapping; mapped pages are released every 32 MB read (other tests
        // in this process may map some too, hence the margin).
        Assert.True(grown < 80 * 1024, $"file-backed RSS grew by {grown} kB over a 128 MB scan");
        // Released pages read back the same bytes.
        for (int i = 0; i < chunks; i += 7) Assert.Equal(payloads[i % 4], file.ReadMemory(positions[i]).ToArray());
    }

    [Fact]
    public void ManyFilesShareOneBudgetOfMappedPages()
    {
        const int chunk = 1 << 20, chunksPerFile = 30, files = 5;
        var rng = new Random(17);
        var payload = Payload(rng, chunk);
        var options = new CouchFileOptions { Compression = FileCompression.None, SyncOnCommit = false };
        var opened = new List<(CouchFile File, List<long> Positions)>();
        try
        {
            for (int f = 0; f < files; f++)
            {
                var file = CouchFile.Open(FileDevice.Open(PathOf($"m{f}.couch"), create: true), options);
                var positions = Enumerable.Range(0, chunksPerFile).Select(_ => file.Append(payload).Position).ToList();
                file.Flush();
                opened.Add((file, positions));
            }
            long before = ResidentFileKb();
            foreach (var (file, positions) in opened)
                foreach (long position in positions) Assert.Equal(payload, file.ReadMemory(position).ToArray());
            long grown = ResidentFileKb() - before;
            // 150 MB over five files, each under 32 MB: only a process-wide budget releases any of it.
            Assert.True(grown < 80 * 1024, $"file-backed RSS grew by {grown} kB over five 30 MB files");
        }
        finally
        {
            foreach (var (file, _) in opened) file.Dispose();
        }
    }

    private static long ResidentFileKb() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("RssFile:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).Single();

    private static byte[] Payload(Random rng, int size)
    {
        var payload = new byte[size];
        // Half random, half repetitive, so compressed files hold both kinds of chunk.
        rng.NextBytes(payload.AsSpan(0, size / 2));
        return payload;
    }
}
