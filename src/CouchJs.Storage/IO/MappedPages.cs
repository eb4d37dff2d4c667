namespace CouchJs.Storage.IO;

/// <summary>
/// One budget for the pages all read mappings of this process hold: every
/// <see cref="ReleaseEveryBytes"/> of pages touched through any mapping, every mapped file's resident pages are
/// released (they stay in the kernel's page cache). A server with many databases thus keeps at most
/// about that much of them in its RSS, however many files it reads.
/// </summary>
internal static class MappedPages
{
    public const long ReleaseEveryBytes = 32L << 20;

    private const long PageSize = 4096;

    private static readonly Lock s_lock = new();
    private static readonly HashSet<FileDevice> s_devices = [];
    private static long s_readSinceRelease;

    public static void Register(FileDevice device)
    {
        lock (s_lock) s_devices.Add(device);
    }

    public static void Unregister(FileDevice device)
    {
        lock (s_lock) s_devices.Remove(device);
    }

    /// <summary>
    /// Counts a read of [<paramref name="offset"/>, +<paramref name="length"/>) through a mapping as the
    /// whole pages it touches (a 1 KB read makes a 4 KB page resident); past the budget, releases them all.
    /// </summary>
    public static void Read(long offset, int length)
    {
        long touched = ((offset + Math.Max(length, 1) - 1) / PageSize - offset / PageSize + 1) * PageSize;
        if (Interlocked.Add(ref s_readSinceRelease, touched) < ReleaseEveryBytes) return;
        lock (s_lock)
        {
            if (Volatile.Read(ref s_readSinceRelease) < ReleaseEveryBytes) return;
            foreach (var device in s_devices) device.ReleaseResidentPages();
            Volatile.Write(ref s_readSinceRelease, 0);
        }
    }
}
