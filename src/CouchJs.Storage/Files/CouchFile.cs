using System.Buffers.Binary;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.IO;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Files;

/// <summary>
/// An append-only file of checksummed chunks and block-aligned headers (a port of couch_file's layout).
/// One writer appends and commits; any number of readers read chunks at positions a committed header
/// reaches. Appends are gathered in a write buffer that readers also see.
/// </summary>
public sealed partial class CouchFile : IDisposable
{
    private readonly IStorageDevice _device;
    private readonly FileDevice? _mapped;
    private readonly CouchFileOptions _options;
    private readonly Lock _writeLock = new();
    private readonly Lock _pendingLock = new();
    private byte[] _pending = new byte[WriteBufferSize];
    private int _pendingLength;
    private long _flushed;
    private long _eof;
    private byte[] _scratch = new byte[8192];
    private Exception? _failure;

    private CouchFile(IStorageDevice device, CouchFileOptions options)
    {
        _device = device;
        _mapped = device as FileDevice;
        _options = options;
        Cache = new NodeCache(options.NodeCacheBytes);
        _eof = _flushed = device.Length;
    }

    public string Name => _device.Name;

    public CouchFileOptions Options => _options;

    /// <summary>Decoded inner nodes of every tree in this file, by position.</summary>
    public NodeCache Cache { get; }

    /// <summary>Physical end of the file, written or buffered.</summary>
    public long Eof => Volatile.Read(ref _eof);

    /// <summary>The newest valid header found on open or written since, without its prefix.</summary>
    public byte[]? LastHeader { get; private set; }

    /// <summary>Opens a device, finds its newest valid header and cuts off whatever was written after it.</summary>
    public static CouchFile Open(IStorageDevice device, CouchFileOptions? options = null)
    {
        var file = new CouchFile(device, options ?? CouchFileOptions.Default);
        file.RecoverTail();
        return file;
    }

    /// <summary>Appends a chunk (compressed by the file's setting, checksummed) and returns its position and stored size.</summary>
    public (long Position, int Size) Append(ReadOnlySpan<byte> payload)
    {
        lock (_writeLock)
        {
            ThrowIfFailed();
            int stored = Compression.ChunkCompressor.Encode(_options.Compression, payload, ref _scratch, ChunkPrefixSize);
            var chunk = _scratch.AsSpan(0, ChunkPrefixSize + stored);
            BinaryPrimitives.WriteUInt32BigEndian(chunk, ChecksummedFlag | (uint)stored);
            Native.XxHash128.Hash(chunk[ChunkPrefixSize..], chunk.Slice(ChunkLengthSize, ChecksumSize));
            long pos = _eof;
            int length = ChunkPrefixSize + stored;
            Guard(() => AppendLogical(_scratch.AsSpan(0, length)));
            return (pos, (int)(_eof - pos));
        }
    }

    /// <summary>
    /// Makes everything appended so far durable and then the header: sync, header at the next block
    /// boundary, sync. When this returns the commit survives any crash.
    /// </summary>
    public void Commit(ReadOnlySpan<byte> header)
    {
        lock (_writeLock)
        {
            ThrowIfFailed();
            byte[] copy = header.ToArray();
            Guard(() => WriteHeader(copy));
            LastHeader = copy;
        }
    }

    /// <summary>Writes buffered appends to the device without a sync (readers of other handles see them).</summary>
    public void Flush()
    {
        lock (_writeLock)
        {
            ThrowIfFailed();
            Guard(FlushPending);
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            try
            {
                if (_failure is null) Guard(FlushPending);
            }
            finally
            {
                _device.Dispose();
            }
        }
    }

    private void WriteHeader(byte[] header)
    {
        FlushPending();
        if (_options.SyncOnCommit) _device.Sync();
        _eof = _flushed = BlockLayout.NextBlockStart(_eof);
        var prefix = new byte[1 + HeaderPrefixSize];
        prefix[0] = HeaderBlockMarker;
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), (uint)header.Length);
        Native.XxHash128.Hash(header, prefix.AsSpan(5, ChecksumSize));
        PendingWrite(prefix.AsSpan(0, 1));
        _eof++;
        AppendLogical(prefix.AsSpan(1));
        AppendLogical(header);
        FlushPending();
        if (_options.SyncOnCommit) _device.Sync();
    }

    private CorruptChunkException Corrupt(long position, string detail) => new(Name, position, detail);

    private void ThrowIfFailed()
    {
        if (_failure is not null) throw new StorageFailedException(Name, _failure);
    }

    // Any I/O failure while writing latches the file: later writes are refused, reads go on.
    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            _failure = e;
            throw new StorageFailedException(Name, e);
        }
    }
}
