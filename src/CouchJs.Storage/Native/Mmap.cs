using System.Runtime.InteropServices;

namespace CouchJs.Storage.Native;

/// <summary>mmap/munmap for read-only shared mappings of database files.</summary>
internal static partial class Mmap
{
    private const int ProtRead = 1;
    private const int MapShared = 1;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint MapNative(nint address, nuint length, int protection, int flags, int fd, long offset);

    private const int AdviseDontNeed = 4;

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int AdviseNative(nint address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int UnmapNative(nint address, nuint length);

    /// <summary>Maps <paramref name="length"/> bytes of a file for reading; 0 when the system refuses.</summary>
    public static nint MapForRead(nint fd, long length)
    {
        nint address = MapNative(0, (nuint)length, ProtRead, MapShared, (int)fd, 0);
        return address == -1 ? 0 : address;
    }

    /// <summary>
    /// Drops the process's page-table entries of a shared file mapping (MADV_DONTNEED): its pages
    /// leave this process's RSS but stay in the page cache, and the next read faults them back in
    /// with the same bytes, so spans over the mapping stay valid.
    /// </summary>
    public static void Release(nint address, long length) => AdviseNative(address, (nuint)length, AdviseDontNeed);

    public static void Unmap(nint address, long length) => UnmapNative(address, (nuint)length);
}
