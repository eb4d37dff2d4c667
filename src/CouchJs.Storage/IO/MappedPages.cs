namespace CouchJs.Storage.IO;

/// <summary>
/// One budget for the pages all read mappings of this process hold: every
/// <see cref="ReleaseEveryBytes"/> read through any mapping, every mapped file's resident pages are
/// released (they stay in the kernel's page cache). A server with many databases thus keeps at most
/// about that much of them in its RSS, however many files it reads.
/// </summary>
internal static class MappedPages
{
    public const long ReleaseEveryBytes = 32L << 20;

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

    /// <summary>Counts <paramref name="bytes"/> read through a mapping; past the budget, releases them all.</summary>
    public static void Read(long bytes)
    {
        if (Interlocked.Add(ref s_readSinceRelease, bytes) < ReleaseEveryBytes) return;
        lock (s_lock)
        {
            if (Volatile.Read(ref s_readSinceRelease) < ReleaseEveryBytes) return;
            foreach (var device in s_devices) device.ReleaseResidentPages();
            Volatile.Write(ref s_readSinceRelease, 0);
        }
    }
}
