using CouchJs.Storage.BTrees;
using CouchJs.Storage.Compression;
using CouchJs.Storage.CrashWriter;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Tests.Files;

/// <summary>Every file_compression setting round-trips, and files stay readable whatever setting reopens them.</summary>
public class CompressionTests
{
    private const string Json = "{\"_id\":\"doc\",\"value\":12345}";

    private static readonly string[] Settings = ["none", "snappy", "deflate_1", "deflate_9", "zstd_1", "zstd_19"];

    public static TheoryData<string> AllSettings => [.. Settings];

    [Theory]
    [InlineData("none", CompressionMethod.None, 0)]
    [InlineData("snappy", CompressionMethod.Snappy, 0)]
    [InlineData(" Snappy ", CompressionMethod.Snappy, 0)]
    [InlineData("NONE", CompressionMethod.None, 0)]
    [InlineData("deflate_1", CompressionMethod.Deflate, 1)]
    [InlineData("deflate_9", CompressionMethod.Deflate, 9)]
    [InlineData("zstd_1", CompressionMethod.Zstd, 1)]
    [InlineData("zstd_19", CompressionMethod.Zstd, 19)]
    public void ParseAcceptsCouchDbSettings(string setting, CompressionMethod method, int level)
    {
        var parsed = FileCompression.Parse(setting);
        Assert.Equal(method, parsed.Method);
        Assert.Equal(level, parsed.Level);
        Assert.Equal(parsed, FileCompression.Parse(parsed.ToString()));
        Assert.Equal(setting.Trim().ToLowerInvariant(), parsed.ToString());
    }

    [Theory]
    [InlineData("zstd_0")]
    [InlineData("zstd_20")]
    [InlineData("deflate_0")]
    [InlineData("deflate_10")]
    [InlineData("lz4")]
    [InlineData("")]
    [InlineData("zstd")]
    [InlineData("zstd_")]
    [InlineData("deflate_x")]
    [InlineData("snappy_1")]
    [InlineData("gzip")]
    [InlineData("zstd_+5")]
    [InlineData("deflate_ 3")]
    public void ParseRejectsBadSettings(string setting)
    {
        var e = Assert.Throws<ArgumentException>(() => FileCompression.Parse(setting));
        Assert.Contains($"'{setting}'", e.Message);
        Assert.Contains("zstd_1..zstd_19", e.Message);
    }

    [Theory]
    [MemberData(nameof(AllSettings))]
    public void ChunksRoundTripAndStayReadableUnderEveryOtherSetting(string setting)
    {
        var compression = FileCompression.Parse(setting);
        var device = new MemoryDevice();
        var file = CouchFile.Open(device, new CouchFileOptions { Compression = compression });
        var payloads = Payloads(seed: setting.Length).ToList();
        var positions = new List<(long Position, int Size)>();
        foreach (var payload in payloads)
        {
            var at = file.Append(payload);
            positions.Add(at);
            Assert.Equal(payload, file.Read(at.Position));
        }
        file.Commit([1]);
        byte[] bytes = device.ToArray();

        // The stored tag names the codec; small or incompressible payloads are stored as they are.
        for (int i = 0; i < payloads.Count; i++)
        {
            var (pos, size) = positions[i];
            byte tag = FileLayout.Logical(bytes, pos, ChunkPrefixSize + 1)[ChunkPrefixSize];
            bool compressible = payloads[i].Length >= 1000 && i % 2 == 0;
            if (compression.Method == CompressionMethod.None || payloads[i].Length < 64)
                Assert.Equal((byte)CompressionMethod.None, tag);
            else if (compressible)
            {
                Assert.Equal((byte)compression.Method, tag);
                Assert.True(size < payloads[i].Length / 2, $"{setting}: {payloads[i].Length} bytes stored in {size}");
            }
        }

        foreach (string other in Settings)
        {
            var reopened = CouchFile.Open(new MemoryDevice(bytes), new CouchFileOptions { Compression = FileCompression.Parse(other) });
            Assert.Equal([1], reopened.LastHeader);
            for (int i = 0; i < payloads.Count; i++) Assert.Equal(payloads[i], reopened.Read(positions[i].Position));
            // New chunks follow the new setting; old and new both read back.
            var extra = payloads[0];
            var (pos, _) = reopened.Append(extra);
            reopened.Commit([2]);
            Assert.Equal(extra, reopened.Read(pos));
            Assert.Equal(payloads[^2], reopened.Read(positions[^2].Position));
        }
    }

    [Theory]
    [MemberData(nameof(AllSettings))]
    public void TreesWrittenUnderOneSettingGrowUnderAnother(string setting)
    {
        var device = new MemoryDevice();
        var file = CouchFile.Open(device, new CouchFileOptions { Compression = FileCompression.Parse(setting) });
        var tree = new BTree<long, long, long>(file, Trees.Summed);
        var expected = new SortedDictionary<long, long>();
        for (long k = 0; k < 3000; k++) expected[k * 3] = k % 17;
        tree = tree.Modify([.. expected]);
        file.Commit(BatchHeader.Encode(1, tree.ToStoredRoot()));

        string other = Settings[(Array.IndexOf(Settings, setting) + 1) % Settings.Length];
        var device2 = new MemoryDevice(device.ToArray());
        var reopened = CouchFile.Open(device2, new CouchFileOptions { Compression = FileCompression.Parse(other) });
        var (_, again) = FileAssert.Head(reopened);
        Assert.Equal(ReadOutcome.Exact, FileAssert.ReadAll(again, expected, allowCorrupt: false));
        var more = Enumerable.Range(0, 500).Select(i => new KeyValuePair<long, long>(i * 7 + 1, i)).ToList();
        again = again.Modify(more, [0L, 3L, 6L]);
        foreach (var (k, v) in more) expected[k] = v;
        expected.Remove(0);
        expected.Remove(3);
        expected.Remove(6);
        reopened.Commit(BatchHeader.Encode(2, again.ToStoredRoot()));

        var third = CouchFile.Open(new MemoryDevice(device2.ToArray()));
        var (batch, last) = FileAssert.Head(third);
        Assert.Equal(2, batch);
        Assert.Equal(ReadOutcome.Exact, FileAssert.ReadAll(last, expected, allowCorrupt: false));
    }

    [Theory]
    [InlineData(9, "unknown chunk compression tag 9")]
    [InlineData((int)CompressionMethod.Snappy, "Snappy payload does not decode")]
    [InlineData((int)CompressionMethod.Deflate, "")]
    [InlineData((int)CompressionMethod.Zstd, "zstd")]
    public void AChunkWhosePayloadDoesNotDecodeIsCorrupt(int tag, string detail)
    {
        // A checksum that holds over bytes no codec wrote: the chunk is still reported as corrupt.
        var device = new MemoryDevice();
        var file = CouchFile.Open(device, new CouchFileOptions { Compression = FileCompression.None });
        var payload = Enumerable.Range(0, 200).Select(i => (byte)(i * 37 + 11)).ToArray();
        var (pos, _) = file.Append(payload);
        file.Commit([1]);
        byte[] bytes = device.ToArray();
        Assert.Equal(0, pos);
        Assert.Equal((byte)CompressionMethod.None, bytes[1 + ChunkPrefixSize]);
        bytes[1 + ChunkPrefixSize] = (byte)tag;
        Native.XxHash128.Hash(bytes.AsSpan(1 + ChunkPrefixSize, 201), bytes.AsSpan(1 + ChunkLengthSize, ChecksumSize));

        var e = Assert.Throws<CorruptChunkException>(() => CouchFile.Open(new MemoryDevice(bytes)).Read(pos));
        Assert.Contains(detail, e.Message);
        Assert.Equal(pos, e.Position);
    }

    [Fact]
    public void DecodeReportsEveryDamagedPayloadAsInvalidData()
    {
        // Whatever the codec library throws for bad input, callers see InvalidDataException
        // (which CouchFile turns into CorruptChunkException) and never a bare IOException.
        var rng = new Random(3);
        var outcomes = new HashSet<string>();
        for (int i = 0; i < 20_000; i++)
        {
            var stored = new byte[rng.Next(1, 200)];
            rng.NextBytes(stored);
            stored[0] = (byte)rng.Next(0, 5);
            try
            {
                ChunkCompressor.Decode(stored);
                outcomes.Add("decoded");
            }
            catch (InvalidDataException)
            {
                outcomes.Add("invalid");
            }
        }
        Assert.Equal(["decoded", "invalid"], outcomes.Order());
    }

    /// <summary>Empty, tiny, compressible (even index) and random (odd index) payloads up to 20 KB.</summary>
    private static IEnumerable<byte[]> Payloads(int seed)
    {
        var rng = new Random(seed);
        foreach (int size in new[] { 0, 1, 63, 64, 65, 500, 1000, 1279, 4096, 5000, 20000, 20000 })
        {
            foreach (bool text in new[] { true, false })
            {
                var p = new byte[size];
                if (text)
                    for (int i = 0; i < size; i++) p[i] = (byte)Json[i % Json.Length];
                else
                    rng.NextBytes(p);
                yield return p;
            }
        }
    }
}
