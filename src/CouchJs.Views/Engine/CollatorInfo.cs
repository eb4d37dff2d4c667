using System.Globalization;

namespace CouchJs.Views.Engine;

/// <summary>The collator view keys sort with, as <c>_info</c>'s <c>collator_versions</c> names it.</summary>
public static class CollatorInfo
{
    /// <summary>
    /// ICU's collator version the way u_versionToString prints it (CouchDB reports libicu's, e.g.
    /// "153.112"): the four version bytes .NET's sort version packs (first byte lowest), dotted,
    /// trailing zeros left out.
    /// </summary>
    public static string Version { get; } = Format(CultureInfo.InvariantCulture.CompareInfo.Version.FullVersion);

    private static string Format(int full)
    {
        int[] parts = [full & 0xFF, (full >> 8) & 0xFF, (full >> 16) & 0xFF, (full >> 24) & 0xFF];
        int count = 4;
        while (count > 1 && parts[count - 1] == 0) count--;
        return string.Join('.', parts.Take(count));
    }
}
