using System.Buffers.Binary;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.CrashWriter;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Tests.Files;

/// <summary>
/// A file built by committed batches of B+tree changes, remembering each batch's full contents and
/// where its header lies, so tests can cut or damage the bytes and say exactly what must come back.
/// </summary>
internal sealed class BatchHistory
{
    private readonly Random _rng;
    private readonly SortedDictionary<long, long> _current = [];

    public BatchHistory(int seed, CouchFileOptions? options = null)
    {
        _rng = new Random(seed);
        Device = new MemoryDevice();
        File = CouchFile.Open(Device, options);
        Tree = new BTree<long, long, long>(File, Trees.Summed);
        States.Add([]);
        HeaderStarts.Add(0);
        HeaderEnds.Add(0);
    }

    public MemoryDevice Device { get; }

    public CouchFile File { get; }

    public BTree<long, long, long> Tree { get; private set; }

    /// <summary>Contents after each batch; index 0 is the empty start.</summary>
    public List<SortedDictionary<long, long>> States { get; } = [];

    /// <summary>Physical start of each batch's header (a block start).</summary>
    public List<long> HeaderStarts { get; } = [];

    /// <summary>Physical end of each batch's header: the end of the file right after that commit.</summary>
    public List<long> HeaderEnds { get; } = [];

    public int LastBatch => States.Count - 1;

    /// <summary>One batch: new keys, overwrites of existing keys, removals; then a header commit.</summary>
    public void Commit(int inserts, int updates = 0, int removes = 0)
    {
        var changes = new Dictionary<long, long>();
        var existing = _current.Keys.ToArray();
        for (int i = 0; i < inserts; i++) changes[_rng.NextInt64(0, 10_000_000)] = _rng.NextInt64(-1_000_000, 1_000_000);
        for (int i = 0; i < updates && existing.Length > 0; i++)
            changes[existing[_rng.Next(existing.Length)]] = _rng.NextInt64(-1_000_000, 1_000_000);
        var removed = new HashSet<long>();
        for (int i = 0; i < removes && existing.Length > 0; i++)
        {
            long k = existing[_rng.Next(existing.Length)];
            if (!changes.ContainsKey(k)) removed.Add(k);
        }
        Tree = Tree.Modify([.. changes], [.. removed]);
        foreach (long k in removed) _current.Remove(k);
        foreach (var (k, v) in changes) _current[k] = v;

        long start = (File.Eof + BlockSize - 1) / BlockSize * BlockSize;
        File.Commit(BatchHeader.Encode(States.Count, Tree.ToStoredRoot()));
        States.Add(new SortedDictionary<long, long>(_current));
        HeaderStarts.Add(start);
        HeaderEnds.Add(File.Eof);
        Assert.Equal(File.Eof, Device.Length);
    }

    /// <summary>The bytes of the file as committed so far.</summary>
    public byte[] Bytes() => Device.ToArray();
}

internal enum ReadOutcome
{
    Exact,
    Corrupt,
}

internal static class FileAssert
{
    /// <summary>The batch the file's newest header names, with its tree.</summary>
    public static (long Batch, BTree<long, long, long> Tree) Head(CouchFile file)
    {
        Assert.NotNull(file.LastHeader);
        var (batch, root) = BatchHeader.Decode(file.LastHeader);
        return (batch, BTree<long, long, long>.Open(file, Trees.Summed, root));
    }

    /// <summary>The file's newest header is batch <paramref name="batch"/> and its tree holds exactly that batch's contents.</summary>
    public static void Committed(CouchFile file, BatchHistory history, int batch, int lookups = 25)
    {
        var (head, tree) = Head(file);
        Assert.Equal(batch, head);
        Assert.Equal(ReadOutcome.Exact, ReadAll(tree, history.States[batch], allowCorrupt: false, lookups));
    }

    /// <summary>
    /// Reads the whole tree (full scan, reduction, sampled point lookups) and checks every entry
    /// against <paramref name="expected"/>. A read may fail with <see cref="CorruptChunkException"/>
    /// when <paramref name="allowCorrupt"/>; it may never return anything but the expected data.
    /// </summary>
    public static ReadOutcome ReadAll(BTree<long, long, long> tree, SortedDictionary<long, long> expected, bool allowCorrupt, int lookups = 25)
    {
        try
        {
            using (var e = expected.GetEnumerator())
            {
                int n = 0;
                foreach (var (key, value) in tree.Enumerate())
                {
                    if (!e.MoveNext()) Assert.Fail($"tree has an extra entry {key} after {n} entries");
                    if (e.Current.Key != key || e.Current.Value != value)
                        Assert.Fail($"entry {n}: expected {e.Current.Key}={e.Current.Value}, read {key}={value}");
                    n++;
                }
                if (e.MoveNext()) Assert.Fail($"tree ends after {n} of {expected.Count} entries");
            }
            Assert.Equal(expected.Values.Sum(), tree.FullReduce());
            int step = Math.Max(1, expected.Count / Math.Max(1, lookups));
            int i = 0;
            foreach (var (key, value) in expected)
            {
                if (i++ % step != 0) continue;
                if (!tree.TryGet(key, out long got)) Assert.Fail($"key {key} missing");
                Assert.Equal(value, got);
                if (!expected.ContainsKey(key + 1) && tree.TryGet(key + 1, out _)) Assert.Fail($"key {key + 1} should be absent");
            }
            return ReadOutcome.Exact;
        }
        catch (CorruptChunkException) when (allowCorrupt)
        {
            return ReadOutcome.Corrupt;
        }
    }
}

/// <summary>One stored chunk as the file layout places it.</summary>
/// <param name="Position">What Append returned (a block start when the chunk begins at one: its marker comes first).</param>
/// <param name="End">Physical end (exclusive).</param>
internal readonly record struct ChunkExtent(long Position, long End, int StoredLength)
{
    /// <summary>Physical offsets of the chunk's own bytes (prefix, tag, payload), markers excluded.</summary>
    public IEnumerable<long> LogicalOffsets()
    {
        for (long p = Position; p < End; p++)
            if (p % BlockSize != 0) yield return p;
    }
}

internal readonly record struct HeaderExtent(long Start, long End);

/// <summary>
/// An independent parse of a file's bytes by the documented layout: chunks one after another,
/// zero padding up to the next block start before each header, headers at block starts.
/// </summary>
internal sealed class FileLayout
{
    public List<ChunkExtent> Chunks { get; } = [];

    public List<HeaderExtent> Headers { get; } = [];

    public static FileLayout Parse(byte[] bytes)
    {
        var layout = new FileLayout();
        long pos = 0;
        while (pos < bytes.Length)
        {
            if (pos % BlockSize == 0 && bytes[pos] == HeaderBlockMarker)
            {
                uint size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)pos + 1));
                long end = pos + PhysicalLength(pos, HeaderPrefixSize + size);
                layout.Headers.Add(new(pos, end));
                pos = end;
                continue;
            }
            if (pos % BlockSize == 0) Assert.Equal(DataBlockMarker, bytes[pos]);
            uint word = BinaryPrimitives.ReadUInt32BigEndian(Logical(bytes, pos, ChunkLengthSize));
            if ((word & ChecksummedFlag) == 0)
            {
                // Padding before a header: zeros up to the next block start.
                long next = (pos + BlockSize - 1) / BlockSize * BlockSize;
                Assert.True(bytes.AsSpan((int)pos, (int)(next - pos)).IndexOfAnyExcept((byte)0) < 0, $"non-zero padding at {pos}");
                pos = next;
                continue;
            }
            int stored = (int)(word & ~ChecksummedFlag);
            long chunkEnd = pos + PhysicalLength(pos, ChunkPrefixSize + stored);
            Assert.True(chunkEnd <= bytes.Length, $"chunk at {pos} runs past the end");
            layout.Chunks.Add(new(pos, chunkEnd, stored));
            pos = chunkEnd;
        }
        return layout;
    }

    /// <summary>Logical bytes read from physical <paramref name="pos"/>, block markers skipped.</summary>
    public static byte[] Logical(byte[] bytes, long pos, int count)
    {
        var result = new byte[count];
        int n = 0;
        for (long p = pos; n < count; p++)
            if (p % BlockSize != 0) result[n++] = bytes[p];
        return result;
    }

    /// <summary>The spec of the layout: one marker byte at every block start crossed.</summary>
    public static long PhysicalLength(long pos, long logical)
    {
        long p = pos, left = logical;
        while (left > 0)
        {
            if (p % BlockSize == 0) p++;
            long run = Math.Min(left, BlockSize - p % BlockSize);
            p += run;
            left -= run;
        }
        return p - pos;
    }
}

/// <summary>Passes everything to an inner device and records the offsets read (to find which chunks a tree reaches).</summary>
internal sealed class RecordingDevice(IStorageDevice inner) : IStorageDevice
{
    public HashSet<long> ReadOffsets { get; } = [];

    public string Name => inner.Name;

    public long Length => inner.Length;

    public int Read(long offset, Span<byte> destination)
    {
        lock (ReadOffsets) ReadOffsets.Add(offset);
        return inner.Read(offset, destination);
    }

    public void Write(long offset, ReadOnlySpan<byte> source) => inner.Write(offset, source);

    public void Sync() => inner.Sync();

    public void Truncate(long length) => inner.Truncate(length);

    public void Dispose() => inner.Dispose();
}

/// <summary>
/// A device that starts failing: the write numbered <see cref="FailWriteAt"/> (from 0) writes only
/// half its bytes (a torn write) then throws; the sync numbered <see cref="FailSyncAt"/> throws.
/// After the first failure every write and sync fails too, unless <see cref="Transient"/>.
/// </summary>
internal sealed class FaultyDevice(MemoryDevice inner) : IStorageDevice
{
    public MemoryDevice Inner { get; } = inner;

    public int FailWriteAt { get; init; } = -1;

    public int FailSyncAt { get; init; } = -1;

    public bool Transient { get; init; }

    public int Writes { get; private set; }

    public int Syncs { get; private set; }

    public bool Failed { get; private set; }

    /// <summary>Writes and syncs that reached the inner device after the failure.</summary>
    public int CallsAfterFailure { get; private set; }

    public string Name => "faulty";

    public long Length => Inner.Length;

    public int Read(long offset, Span<byte> destination) => Inner.Read(offset, destination);

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        int n = Writes++;
        if (Failed && !Transient) throw new IOException("disk still failing (write)");
        if (n == FailWriteAt)
        {
            Failed = true;
            Inner.Write(offset, source[..(source.Length / 2)]);
            throw new IOException("injected write failure (EIO)");
        }
        if (Failed) CallsAfterFailure++;
        Inner.Write(offset, source);
    }

    public void Sync()
    {
        int n = Syncs++;
        if (Failed && !Transient) throw new IOException("disk still failing (sync)");
        if (n == FailSyncAt)
        {
            Failed = true;
            throw new IOException("injected fdatasync failure (EIO)");
        }
        if (Failed) CallsAfterFailure++;
        Inner.Sync();
    }

    public void Truncate(long length) => Inner.Truncate(length);

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}
