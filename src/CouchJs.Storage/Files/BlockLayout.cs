using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Files;

/// <summary>
/// Maps logical bytes to physical ones: every block starts with a marker byte that logical data
/// skips, so a header can only begin at a block start and is found by reading block starts alone.
/// </summary>
internal static class BlockLayout
{
    /// <summary>Physical bytes that hold <paramref name="logical"/> bytes written from physical <paramref name="pos"/>.</summary>
    public static long PhysicalLength(long pos, long logical)
    {
        long offset = pos % BlockSize;
        long firstAvailable = offset == 0 ? BlockSize - 1 : BlockSize - offset;
        long markers = offset == 0 ? 1 : 0;
        if (logical <= firstAvailable) return logical + markers;
        long rest = logical - firstAvailable;
        return logical + markers + (rest + BlockSize - 2) / (BlockSize - 1);
    }

    /// <summary>Copies the logical bytes of <paramref name="physical"/> (read from <paramref name="pos"/>), dropping markers.</summary>
    public static int StripMarkers(long pos, ReadOnlySpan<byte> physical, Span<byte> logical)
    {
        int written = 0, i = 0;
        while (i < physical.Length)
        {
            if ((pos + i) % BlockSize == 0) i++;
            int run = Math.Min(physical.Length - i, BlockSize - (int)((pos + i) % BlockSize));
            if (run <= 0) continue;
            physical.Slice(i, run).CopyTo(logical[written..]);
            written += run;
            i += run;
        }
        return written;
    }

    public static long NextBlockStart(long pos) => (pos + BlockSize - 1) / BlockSize * BlockSize;
}
