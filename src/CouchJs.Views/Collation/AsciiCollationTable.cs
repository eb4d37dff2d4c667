using System.Buffers;
using System.Globalization;

namespace CouchJs.Views.Collation;

/// <summary>
/// The ICU root collator's order of ASCII characters, taken from ICU once at startup so it follows the
/// installed version. In the root collation every ASCII character that is not ignorable (the C0
/// controls other than tab..CR, and DEL) has exactly one collation element with a primary weight of
/// its own — except that a letter and its capital share one — a common secondary weight, and a
/// tertiary weight that is higher for capitals. Two such strings therefore compare by their primary
/// ranks, a prefix first, and only when those are all equal by the first lower/upper case difference,
/// lower first. The tests check this model against ICU on every string of up to two characters.
/// </summary>
internal static class AsciiCollationTable
{
    /// <summary>Primary rank of each ASCII character, from 1; 0 for characters the model does not cover.</summary>
    public static ReadOnlySpan<byte> Primary => PrimaryRanks;

    private static readonly byte[] PrimaryRanks = BuildPrimaryRanks();

    /// <summary>The bytes that stand for a covered character by themselves (not the quote or backslash of JSON).</summary>
    public static readonly SearchValues<byte> PlainBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 128).Where(c => PrimaryRanks[c] != 0 && c is not ('"' or '\\')).Select(c => (byte)c)]);

    public static bool IsUpper(int c) => (uint)(c - 'A') <= 'Z' - 'A';

    private static byte[] BuildPrimaryRanks()
    {
        var icu = CultureInfo.InvariantCulture.CompareInfo;
        var covered = new List<char>();
        for (char c = '\0'; c < 128; c++)
            if (icu.Compare(c.ToString(), "", CompareOptions.None) != 0) covered.Add(c);
        covered.Sort((x, y) => icu.Compare(x.ToString(), y.ToString(), CompareOptions.None));

        var ranks = new byte[128];
        byte rank = 0;
        char previous = '\0';
        foreach (char c in covered)
        {
            bool capitalOfPrevious = IsUpper(c) && previous == char.ToLowerInvariant(c);
            if (!capitalOfPrevious) rank++;
            ranks[c] = rank;
            previous = c;
        }
        return ranks;
    }
}
