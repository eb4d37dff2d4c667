using CouchJs.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace CouchJs.Storage.IO;

/// <summary>
/// A file on disk, written with pwrite and synced with fdatasync. Reads of bytes already written copy
/// from a shared read-only memory mapping: a warm read then costs a memcpy, not a system call. The
/// mapping reserves more than the file holds and is never read past the written length, so growth
/// rarely needs a new one; older mappings stay valid until the device is disposed. Their resident
/// pages are released under one process-wide budget (<see cref="MappedPages"/>), so scans of large
/// files do not grow the server's RSS.
/// </summary>
public sealed unsafe class FileDevice : IStorageDevice
{
    /// <summary>Smallest mapping reserved: address space is cheap, remapping is not.</summary>
    private const long MinMapBytes = 1L << 30;

    private readonly SafeFileHandle _handle;
    private readonly Lock _mapLock = new();
    private readonly List<Mapping> _mappings = [];
    private long _length;
    private Mapping? _map;
    private bool _mapRefused;

    /// <summary>One mapping; published whole so a reader never pairs an address with another's length.</summary>
    private sealed record Mapping(nint Address, long Length);

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
        if (TryGetMapped(offset, destination.Length, out var mapped))
        {
            mapped.CopyTo(destination);
            return destination.Length;
        }
        int total = 0;
        while (total < destination.Length)
        {
            int n = RandomAccess.Read(_handle, destination[total..], offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>
    /// The written bytes [<paramref name="offset"/>, +<paramref name="length"/>) straight from the read
    /// mapping, so a reader can checksum and decode them without a copy in between. False when they
    /// are not written yet or there is no mapping. The span is valid until the device is disposed.
    /// </summary>
    internal bool TryGetMapped(long offset, int length, out ReadOnlySpan<byte> bytes)
    {
        long end = offset + length;
        if (end <= Length && Mapped(end) is { } map)
        {
            bytes = new ReadOnlySpan<byte>((byte*)map.Address + offset, length);
            MappedPages.Read(offset, length);
            return true;
        }
        bytes = default;
        return false;
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

    public void Dispose()
    {
        // Out of the budget's list first: a release in progress finishes before the unmapping.
        MappedPages.Unregister(this);
        lock (_mapLock)
        {
            foreach (var mapping in _mappings) Mmap.Unmap(mapping.Address, mapping.Length);
            _mappings.Clear();
            _map = null;
            _mapRefused = true;
        }
        _handle.Dispose();
    }

    /// <summary>Drops this device's mapped pages from the process (see <see cref="MappedPages"/>).</summary>
    internal void ReleaseResidentPages()
    {
        lock (_mapLock)
        {
            long written = Length;
            foreach (var mapping in _mappings) Mmap.Release(mapping.Address, Math.Min(mapping.Length, written));
        }
    }

    /// <summary>A mapping that covers [0, <paramref name="end"/>), mapping anew when the file outgrew the last.</summary>
    private Mapping? Mapped(long end)
    {
        var map = Volatile.Read(ref _map);
        if (map is not null && end <= map.Length) return map;
        lock (_mapLock)
        {
            if (_map is not null && end <= _map.Length) return _map;
            if (_mapRefused) return null;
            long length = Math.Max(MinMapBytes, 2 * Math.Max(end, Length));
            nint address = Mmap.MapForRead(_handle.DangerousGetHandle(), length);
            if (address == 0)
            {
                _mapRefused = true;
                return null;
            }
            var mapping = new Mapping(address, length);
            _mappings.Add(mapping);
            MappedPages.Register(this);
            Volatile.Write(ref _map, mapping);
            return mapping;
        }
    }
}
