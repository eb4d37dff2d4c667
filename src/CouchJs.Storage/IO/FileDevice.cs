using CouchJs.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace CouchJs.Storage.IO;

/// <summary>A file on disk, read and written with pread/pwrite and synced with fdatasync.</summary>
public sealed class FileDevice : IStorageDevice
{
    private readonly SafeFileHandle _handle;
    private long _length;

    private FileDevice(string path, SafeFileHandle handle)
    {
        Name = path;
        _handle = handle;
        _length = RandomAccess.GetLength(handle);
    }

    public string Name { get; }

    public long Length => Volatile.Read(ref _length);

    public static FileDevice Open(string path, bool create)
    {
        var mode = create ? FileMode.OpenOrCreate : FileMode.Open;
        return new FileDevice(path, File.OpenHandle(path, mode, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete));
    }

    public int Read(long offset, Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int n = RandomAccess.Read(_handle, destination[total..], offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        RandomAccess.Write(_handle, source, offset);
        long end = offset + source.Length;
        if (end > _length) Volatile.Write(ref _length, end);
    }

    public void Sync() => Libc.DataSync(_handle);

    public void Truncate(long length)
    {
        RandomAccess.SetLength(_handle, length);
        Volatile.Write(ref _length, length);
    }

    public void Dispose() => _handle.Dispose();
}
