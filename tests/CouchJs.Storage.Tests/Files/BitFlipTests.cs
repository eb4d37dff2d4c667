using CouchJs.Storage.Compression;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Tests.Files;

/// <summary>
/// Damaged bytes must never come back as data: a flipped byte in a chunk fails its checksum
/// (<see cref="CorruptChunkException"/>), a flipped byte in the newest header makes the scan fall
/// back to the header before it, and bytes outside both (markers, padding) change nothing.
/// </summary>
public class BitFlipTests
{
    private const int Batches = 4;

    public static TheoryData<int, string> Seeds => new()
    {
        { 1, "snappy" }, { 2, "none" }, { 3, "zstd_1" }, { 4, "deflate_6" }, { 5, "snappy" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FlipsInsideChunksAreDetected(int seed, string compression)
    {
        var (history, bytes, layout) = Build(seed, compression);
        var reachable = ReachableChunks(history, bytes, layout);
        var rng = new Random(seed);
        int reachableFlips = 0;
        for (int round = 0; round < 120; round++)
        {
            // Half the flips hit a node the newest tree uses, half any chunk in the file.
            var chunk = round % 2 == 0 ? reachable[rng.Next(reachable.Count)] : layout.Chunks[rng.Next(layout.Chunks.Count)];
            var offsets = chunk.LogicalOffsets().ToArray();
            long at = offsets[rng.Next(offsets.Length)];
            byte[] damaged = Flip(bytes, at, rng);

            // The chunk itself: its checksum (or its length word) gives it away.
            using (var file = CouchFile.Open(new MemoryDevice(damaged)))
            {
                var e = Assert.Throws<CorruptChunkException>(() => file.Read(chunk.Position));
                Assert.Equal(chunk.Position, e.Position);
                Assert.Contains("memory", e.Message);
            }

            // The tree: the headers are intact, so the newest batch opens; its contents read back
            // exactly unless the flip hit one of its nodes, which must then raise.
            using (var file = CouchFile.Open(new MemoryDevice(damaged)))
            {
                var (batch, tree) = FileAssert.Head(file);
                Assert.Equal(Batches, batch);
                bool used = reachable.Contains(chunk);
                var outcome = FileAssert.ReadAll(tree, history.States[Batches], allowCorrupt: used, lookups: 5);
                if (used)
                {
                    Assert.Equal(ReadOutcome.Corrupt, outcome);
                    reachableFlips++;
                }
            }
        }
        Assert.True(reachableFlips >= 60);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FlipsAnywhereNeverReturnWrongData(int seed, string compression)
    {
        var (history, bytes, layout) = Build(seed, compression);
        var newest = layout.Headers[^1];
        var chunkBytes = layout.Chunks.SelectMany(c => c.LogicalOffsets()).ToHashSet();
        var rng = new Random(seed * 7919);
        var seen = new Dictionary<string, int>();
        for (int round = 0; round < 150; round++)
        {
            long at = rng.NextInt64(bytes.Length);
            byte[] damaged = Flip(bytes, at, rng);
            var device = new MemoryDevice(damaged);
            using var file = CouchFile.Open(device);
            var (batch, tree) = FileAssert.Head(file);
            string where;
            if (at >= newest.Start && at < newest.End)
            {
                // The newest header no longer verifies: the one before it wins, and the tail goes.
                where = "newest header";
                Assert.Equal(Batches - 1, batch);
                Assert.Equal(history.HeaderEnds[Batches - 1], device.Length);
            }
            else
            {
                Assert.Equal(Batches, batch);
                Assert.Equal(bytes.Length, device.Length);
                where = chunkBytes.Contains(at) ? "chunk" : "marker, padding or older header";
            }
            var outcome = FileAssert.ReadAll(tree, history.States[(int)batch], allowCorrupt: where == "chunk", lookups: 5);
            seen[$"{where} {outcome}"] = seen.GetValueOrDefault($"{where} {outcome}") + 1;
        }
        Assert.Contains("chunk Exact", seen.Keys);
    }

    [Fact]
    public void EveryByteOfTheNewestHeaderFallsBackToThePreviousOne()
    {
        var (history, bytes, layout) = Build(seed: 9, "snappy");
        var newest = layout.Headers[^1];
        Assert.Equal(history.HeaderStarts[Batches], newest.Start);
        Assert.Equal(history.HeaderEnds[Batches], newest.End);
        var rng = new Random(9);
        for (long at = newest.Start; at < newest.End; at++)
        {
            var device = new MemoryDevice(Flip(bytes, at, rng));
            using var file = CouchFile.Open(device);
            FileAssert.Committed(file, history, Batches - 1);
            Assert.Equal(history.HeaderEnds[Batches - 1], device.Length);
        }
    }

    [Fact]
    public void DamagedLengthWordsAndFlagsAreReportedNotFollowed()
    {
        var device = new MemoryDevice();
        var file = CouchFile.Open(device, new CouchFileOptions { Compression = FileCompression.None });
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var (pos, _) = file.Append(payload);
        file.Commit([1]);
        byte[] bytes = device.ToArray();
        long word = pos % BlockSize == 0 ? pos + 1 : pos;

        // Top bit cleared: no checksum flag.
        var noFlag = (byte[])bytes.Clone();
        noFlag[word] &= 0x7F;
        Assert.Contains("no checksum flag", Assert.Throws<CorruptChunkException>(() => CouchFile.Open(new MemoryDevice(noFlag)).Read(pos)).Message);

        // Length far past the end of the file.
        var huge = (byte[])bytes.Clone();
        huge[word] = 0xFF;
        Assert.Contains("past the end", Assert.Throws<CorruptChunkException>(() => CouchFile.Open(new MemoryDevice(huge)).Read(pos)).Message);

        // Length shorter or longer but inside the file: the checksum no longer matches.
        foreach (int delta in new[] { -1, 1, -299, 100 })
        {
            var changed = (byte[])bytes.Clone();
            int length = 301 + delta;
            changed[word + 2] = (byte)(length >> 8);
            changed[word + 3] = (byte)length;
            Assert.Throws<CorruptChunkException>(() => CouchFile.Open(new MemoryDevice(changed)).Read(pos));
        }

        // Positions that are not chunks at all.
        var intact = CouchFile.Open(new MemoryDevice(bytes));
        Assert.Equal(payload, intact.Read(pos));
        Assert.Throws<CorruptChunkException>(() => intact.Read(bytes.Length));
        Assert.Throws<CorruptChunkException>(() => intact.Read(bytes.Length - 3));
        Assert.Throws<CorruptChunkException>(() => intact.Read(pos + 10));
    }

    private static (BatchHistory History, byte[] Bytes, FileLayout Layout) Build(int seed, string compression)
    {
        var history = new BatchHistory(seed, new CouchFileOptions { Compression = FileCompression.Parse(compression) });
        history.Commit(inserts: 2500);
        history.Commit(inserts: 200, updates: 200, removes: 100);
        history.Commit(inserts: 50, updates: 20, removes: 20);
        history.Commit(inserts: 300, updates: 100, removes: 100);
        Assert.Equal(Batches, history.LastBatch);
        byte[] bytes = history.Bytes();
        var layout = FileLayout.Parse(bytes);
        Assert.Equal(history.HeaderStarts.Skip(1), layout.Headers.Select(h => h.Start));
        Assert.Equal(history.HeaderEnds.Skip(1), layout.Headers.Select(h => h.End));
        // The independent parse agrees with the file about every chunk.
        using var file = CouchFile.Open(new MemoryDevice(bytes));
        foreach (var chunk in layout.Chunks) Assert.NotNull(file.Read(chunk.Position));
        return (history, bytes, layout);
    }

    /// <summary>Chunks the newest tree reads, found by recording the device reads of a full scan.</summary>
    private static List<ChunkExtent> ReachableChunks(BatchHistory history, byte[] bytes, FileLayout layout)
    {
        var device = new RecordingDevice(new MemoryDevice(bytes));
        using var file = CouchFile.Open(device);
        device.ReadOffsets.Clear();
        var (_, tree) = FileAssert.Head(file);
        Assert.Equal(ReadOutcome.Exact, FileAssert.ReadAll(tree, history.States[Batches], allowCorrupt: false));
        var reachable = layout.Chunks.Where(c => device.ReadOffsets.Contains(c.Position)).ToList();
        Assert.Contains(reachable, c => c.Position == tree.Root!.Value.Pointer);
        Assert.True(reachable.Count > 10 && reachable.Count < layout.Chunks.Count, $"{reachable.Count} of {layout.Chunks.Count} chunks reachable");
        return reachable;
    }

    private static byte[] Flip(byte[] bytes, long at, Random rng)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= (byte)rng.Next(1, 256);
        return copy;
    }
}
