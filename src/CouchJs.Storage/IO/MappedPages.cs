namespace CouchJs.Storage.IO;

/// <summary>
/// One budget for the pages all read mappings of this process hold: every <see cref="BudgetBytes"/>
/// of pages touched through any mapping, every mapped file's resident pages are released (they stay
/// in the kernel's page cache). A server with many databases thus keeps at most about that much of
/// them in its RSS, however many files it reads. Each release costs page faults on the next reads,
/// so the default is no budget: the host sets one when it must bound its RSS.
/// </summary>
public static class MappedPages
{
    private static long s_budgetBytes = long.MaxValue;

    /// <summary>Pages touched between releases; <see cref="long.MaxValue"/> (the default) never releases.</summary>
    public static long BudgetBytes
    {
        get => Volatile.Read(ref s_budgetBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Volatile.Write(ref s_budgetBytes, value);
        }
    }

    private const long PageSize = 4096;

    private static readonly Lock s_lock = new();
    private static readonly HashSet<FileDevice> s_devices = [];
    private static long s_readSinceRelease;

    internal static void Register(FileDevice device)
    {
        lock (s_lock) s_devices.Add(device);
    }

    internal static void Unregister(FileDevice device)
    {
        lock (s_lock) s_devices.Remove(device);
    }

    /// <summary>
    /// Counts a read of [<paramref name="offset"/>, +<paramref name="length"/>) through a mapping as the
    /// whole pages it touches (a 1 KB read makes a 4 KB page resident); past the budget, releases them all.
    /// </summary>
    internal static void Read(long offset, int length)
    {
        if (BudgetBytes == long.MaxValue) return;
        long touched = ((offset + Math.Max(length, 1) - 1) / PageSize - offset / PageSize + 1) * PageSize;
        if (Interlocked.Add(ref s_readSinceRelease, touched) < BudgetBytes) return;
        lock (s_lock)
        {
            if (Volatile.Read(ref s_readSinceRelease) < BudgetBytes) return;
            foreach (var device in s_devices) device.ReleaseResidentPages();
            Volatile.Write(ref s_readSinceRelease, 0);
        }
    }
}
