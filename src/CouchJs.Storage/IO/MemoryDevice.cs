namespace CouchJs.Storage.IO;

/// <summary>
/// A device held in memory, for fast tests of upper layers. Its bytes can be copied out and a device
/// made from them again, so tests can reopen, cut or corrupt "files" without touching disk.
/// </summary>
public sealed class MemoryDevice : IStorageDevice
{
    private readonly ReaderWriterLockSlim _lock = new();
    private byte[] _data;
    private long _length;

    public MemoryDevice(byte[]? contents = null)
    {
        _data = contents is null ? new byte[64 * 1024] : (byte[])contents.Clone();
        _length = contents?.Length ?? 0;
    }

    public string Name => "memory";

    public long Length => Volatile.Read(ref _length);

    /// <summary>Number of times <see cref="Sync"/> was called.</summary>
    public int SyncCount { get; private set; }

    public byte[] ToArray()
    {
        _lock.EnterReadLock();
        try { return _data.AsSpan(0, (int)_length).ToArray(); }
        finally { _lock.ExitReadLock(); }
    }

    public int Read(long offset, Span<byte> destination)
    {
        _lock.EnterReadLock();
        try
        {
            if (offset >= _length) return 0;
            int n = (int)Math.Min(destination.Length, _length - offset);
            _data.AsSpan((int)offset, n).CopyTo(destination);
            return n;
        }
        finally { _lock.ExitReadLock(); }
    }

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        _lock.EnterWriteLock();
        try
        {
            long end = offset + source.Length;
            if (end > _data.Length) Array.Resize(ref _data, (int)Math.Max(end, Math.Min((long)_data.Length * 2, Array.MaxLength)));
            source.CopyTo(_data.AsSpan((int)offset));
            if (end > _length) _length = end;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public void Sync() => SyncCount++;

    public void Truncate(long length)
    {
        _lock.EnterWriteLock();
        try
        {
            if (length < _length) _data.AsSpan((int)length, (int)(_length - length)).Clear();
            else if (length > _data.Length) Array.Resize(ref _data, (int)length);
            _length = length;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public void Dispose() => _lock.Dispose();
}
