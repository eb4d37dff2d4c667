namespace CouchJs.Bench;

/// <summary>Peak resident set size from /proc (Linux), resettable so each run reports its own peak.</summary>
internal static class ProcessStats
{
    private static long _processPeak;

    /// <summary>The highest VmHWM seen in this process, across resets.</summary>
    public static long ProcessPeakRssBytes => Math.Max(_processPeak, PeakRssBytes());

    /// <summary>True when runs' peaks are their own (the kernel let us reset VmHWM), false when they are the process's so far.</summary>
    public static bool PerRunPeaks { get; private set; } = true;

    /// <summary>The 1, 5 and 15 minute load averages (other work on the machine skews the figures).</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>VmHWM of /proc/self/status, in bytes (0 when unavailable). Counts mapped file pages too.</summary>
    public static long PeakRssBytes() => StatusBytes("VmHWM:");

    /// <summary>
    /// RssAnon of /proc/self/status: the process's own memory (heap, stacks), without the file pages
    /// its read mapping holds, which are the OS page cache and shared with every other reader.
    /// </summary>
    public static long AnonRssBytes() => StatusBytes("RssAnon:");

    private static long StatusBytes(string field)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                string kb = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>Sets VmHWM back to the current RSS ("5" to /proc/self/clear_refs, Linux 4.0+).</summary>
    public static void ResetPeakRss()
    {
        _processPeak = Math.Max(_processPeak, PeakRssBytes());
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PerRunPeaks = false;
        }
    }
}
