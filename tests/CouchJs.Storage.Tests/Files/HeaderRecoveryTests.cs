using System.Buffers.Binary;
using CouchJs.Storage.Compression;
using CouchJs.Storage.CrashWriter;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Storage.Native;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Tests.Files;

/// <summary>Finding the newest header on open, headers of any size, and chunks across block boundaries.</summary>
public class HeaderRecoveryTests
{
    public static TheoryData<int> GarbageLengths => [1, 2, 21, 100, 4095, 5000, 4096 * 3 + 17];

    [Theory]
    [MemberData(nameof(GarbageLengths))]
    public void RandomBytesAfterTheLastHeaderAreCutOff(int length)
    {
        var history = new BatchHistory(seed: length);
        history.Commit(inserts: 500);
        history.Commit(inserts: 100, updates: 30, removes: 30);
        byte[] bytes = history.Bytes();
        var rng = new Random(length);
        var garbage = new byte[length];
        rng.NextBytes(garbage);
        // Make every block start in the garbage look like a header start.
        for (long b = (bytes.Length / BlockSize + 1) * BlockSize; b < bytes.Length + length; b += BlockSize)
            garbage[b - bytes.Length] = HeaderBlockMarker;

        var device = new MemoryDevice([.. bytes, .. garbage]);
        var file = CouchFile.Open(device);
        FileAssert.Committed(file, history, 2);
        Assert.Equal(bytes.Length, device.Length);
        Assert.Equal(bytes.Length, file.Eof);
        Assert.Equal(bytes, device.ToArray());
        AssertTakesNewCommits(file, device, history, 2);
    }

    [Fact]
    public void FakeHeadersAtBlockStartsAreIgnored()
    {
        var history = new BatchHistory(seed: 3);
        history.Commit(inserts: 400);
        history.Commit(inserts: 50, updates: 10);
        byte[] bytes = history.Bytes();
        var body = BatchHeader.Encode(99, null);
        long fakeAt = (bytes.Length / BlockSize + 2) * BlockSize;

        foreach (string kind in new[] { "bad checksum", "size past the end", "size zero", "checksum of other bytes", "cut short" })
        {
            var tail = new byte[fakeAt - bytes.Length + BlockSize];
            var fake = tail.AsSpan((int)(fakeAt - bytes.Length));
            fake[0] = HeaderBlockMarker;
            BinaryPrimitives.WriteUInt32BigEndian(fake[1..], (uint)body.Length);
            XxHash128.Hash(body, fake.Slice(5, ChecksumSize));
            body.CopyTo(fake[(1 + HeaderPrefixSize)..]);
            int keep = tail.Length;
            switch (kind)
            {
                case "bad checksum": fake[7] ^= 0x40; break;
                case "size past the end": BinaryPrimitives.WriteUInt32BigEndian(fake[1..], 1_000_000); break;
                case "size zero": BinaryPrimitives.WriteUInt32BigEndian(fake[1..], 0); break;
                case "checksum of other bytes": fake[1 + HeaderPrefixSize] ^= 1; break;
                case "cut short": keep = (int)(fakeAt - bytes.Length) + 1 + HeaderPrefixSize + body.Length - 1; break;
            }
            var device = new MemoryDevice([.. bytes, .. tail.AsSpan(0, keep)]);
            var file = CouchFile.Open(device);
            FileAssert.Committed(file, history, 2);
            Assert.Equal(bytes.Length, device.Length);
        }

        // Control: the same fake header intact is a header like any other.
        var valid = new byte[fakeAt - bytes.Length + 1 + HeaderPrefixSize + body.Length];
        var v = valid.AsSpan((int)(fakeAt - bytes.Length));
        v[0] = HeaderBlockMarker;
        BinaryPrimitives.WriteUInt32BigEndian(v[1..], (uint)body.Length);
        XxHash128.Hash(body, v.Slice(5, ChecksumSize));
        body.CopyTo(v[(1 + HeaderPrefixSize)..]);
        var control = CouchFile.Open(new MemoryDevice([.. bytes, .. valid]));
        Assert.Equal(body, control.LastHeader);
    }

    public static TheoryData<int> HeaderSizes =>
        [0, 1, BlockSize - 1 - HeaderPrefixSize - 1, BlockSize - 1 - HeaderPrefixSize, BlockSize - HeaderPrefixSize, 10_000, 3 * (BlockSize - 1) - HeaderPrefixSize, 100_000];

    [Theory]
    [MemberData(nameof(HeaderSizes))]
    public void HeadersOfAnySizeRoundTrip(int size)
    {
        var device = new MemoryDevice();
        var file = CouchFile.Open(device);
        var (before, _) = file.Append([1, 2, 3]);
        file.Commit([7, 7, 7]);
        long small = file.Eof;
        var header = new byte[size];
        new Random(size).NextBytes(header);
        // Bytes equal to the header marker wherever a block start would fall must not confuse the scan.
        for (int i = 0; i < size; i += 97) header[i] = HeaderBlockMarker;
        long start = (file.Eof + BlockSize - 1) / BlockSize * BlockSize;
        file.Commit(header);
        long end = file.Eof;
        Assert.Equal(header, file.LastHeader);
        Assert.Equal(FileLayout.PhysicalLength(start, HeaderPrefixSize + size), end - start);
        Assert.Equal(HeaderBlockMarker, ReadByte(device, start));
        var (after, _) = file.Append([4, 5, 6]);

        var reopened = CouchFile.Open(new MemoryDevice(device.ToArray()));
        Assert.Equal(header, reopened.LastHeader);
        Assert.Equal([1, 2, 3], reopened.Read(before));
        Assert.Equal(end, reopened.Eof);

        // A later small header wins; cut anywhere inside the large one, the small one before it wins.
        file.Commit([9]);
        byte[] bytes = device.ToArray();
        Assert.Equal([9], CouchFile.Open(new MemoryDevice(bytes)).LastHeader);
        foreach (long cut in new[] { small, start, start + 1, start + 21, (start + end) / 2, end - 1 })
        {
            if (cut >= end) continue;
            var cutFile = CouchFile.Open(new MemoryDevice(bytes[..(int)cut]));
            Assert.Equal([7, 7, 7], cutFile.LastHeader);
            Assert.Equal(small, cutFile.Eof);
        }
        Assert.Equal(header, CouchFile.Open(new MemoryDevice(bytes[..(int)end])).LastHeader);
        Assert.Equal([4, 5, 6], CouchFile.Open(new MemoryDevice(bytes)).Read(after));
    }

    [Fact]
    public void ChunksOfEverySizeAtEveryOffsetInABlockRoundTrip()
    {
        int[] sizes = [0, 1, 2, 3, 19, 20, 21, 63, 64, 65, 1000, 2027, 2028, 2029, 4074, 4075, 4076, 4077, 4095, 4096, 4097, 8190, 8191, 8192, 12345, 20000];
        int[] offsets = [0, 2, 3, 20, 100, 2048, 4072, 4075, 4076, 4077, 4078, 4090, 4094, 4095];
        var device = new MemoryDevice();
        var file = CouchFile.Open(device, new CouchFileOptions { Compression = FileCompression.None });
        var rng = new Random(42);
        var written = new List<(long Position, byte[] Payload)>();
        var startsSeen = new HashSet<long>();
        foreach (int offset in offsets)
        {
            foreach (int size in sizes)
            {
                PadTo(file, offset);
                var payload = new byte[size];
                rng.NextBytes(payload);
                var (pos, stored) = file.Append(payload);
                Assert.Equal(offset, pos % BlockSize);
                Assert.Equal(FileLayout.PhysicalLength(pos, ChunkPrefixSize + 1 + size), stored);
                Assert.Equal(pos + stored, file.Eof);
                // Straight away, while the bytes may still sit in the write buffer.
                Assert.Equal(payload, file.Read(pos));
                written.Add((pos, payload));
                startsSeen.Add(pos % BlockSize);
            }
            if (offset == 2048) file.Commit([1]);
        }
        Assert.True(file.Eof > WriteBufferSize, "reads should span device and write buffer");
        Assert.Equal(offsets.Length, startsSeen.Count);
        foreach (var (pos, payload) in written) Assert.Equal(payload, file.Read(pos));
        file.Flush();
        foreach (var (pos, payload) in written) Assert.Equal(payload, file.Read(pos));
        file.Commit([2]);

        var reopened = CouchFile.Open(new MemoryDevice(device.ToArray()));
        Assert.Equal([2], reopened.LastHeader);
        foreach (var (pos, payload) in written) Assert.Equal(payload, reopened.Read(pos));
        var layout = FileLayout.Parse(device.ToArray());
        var starts = layout.Chunks.Select(c => c.Position).ToHashSet();
        Assert.All(written, w => Assert.Contains(w.Position, starts));
    }

    [Fact]
    public void CompressedChunksOfEverySizeRoundTrip()
    {
        var device = new MemoryDevice();
        var file = CouchFile.Open(device, new CouchFileOptions { Compression = FileCompression.Snappy });
        var rng = new Random(8);
        var written = new List<(long, byte[])>();
        for (int size = 0; size <= 20000; size += size < 300 ? 1 : 997)
        {
            var payload = new byte[size];
            for (int i = 0; i < size; i++) payload[i] = (byte)(rng.Next(4) == 0 ? rng.Next(256) : 'a' + i % 7);
            var (pos, _) = file.Append(payload);
            Assert.Equal(payload, file.Read(pos));
            written.Add((pos, payload));
        }
        file.Commit([3]);
        var reopened = CouchFile.Open(new MemoryDevice(device.ToArray()));
        foreach (var (pos, payload) in written) Assert.Equal(payload, reopened.Read(pos));
    }

    private static byte ReadByte(MemoryDevice device, long at)
    {
        var b = new byte[1];
        Assert.Equal(1, device.Read(at, b));
        return b[0];
    }

    /// <summary>Appends a filler chunk so the next chunk starts at <paramref name="offset"/> within a block.</summary>
    private static void PadTo(CouchFile file, int offset)
    {
        long eof = file.Eof;
        for (long target = eof / BlockSize * BlockSize + offset; ; target += BlockSize)
        {
            if (target == eof) return;
            if (target - eof < ChunkPrefixSize + 1) continue;
            for (long logical = target - eof; logical >= ChunkPrefixSize + 1; logical--)
            {
                long physical = FileLayout.PhysicalLength(eof, logical);
                if (physical < target - eof) break;
                if (physical != target - eof) continue;
                file.Append(new byte[logical - ChunkPrefixSize - 1]);
                Assert.Equal(target, file.Eof);
                return;
            }
        }
    }

    private static void AssertTakesNewCommits(CouchFile file, MemoryDevice device, BatchHistory history, int batch)
    {
        var (_, tree) = FileAssert.Head(file);
        var next = tree.Modify([new(-1, 1)]);
        file.Commit(BatchHeader.Encode(batch + 1, next.ToStoredRoot()));
        var reopened = CouchFile.Open(new MemoryDevice(device.ToArray()));
        var (b, t) = FileAssert.Head(reopened);
        Assert.Equal(batch + 1, b);
        var expected = new SortedDictionary<long, long>(history.States[batch]) { [-1] = 1 };
        Assert.Equal(ReadOutcome.Exact, FileAssert.ReadAll(t, expected, allowCorrupt: false));
    }
}
