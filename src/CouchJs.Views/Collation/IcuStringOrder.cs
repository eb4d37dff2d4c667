using System.Buffers;
using System.Globalization;

namespace CouchJs.Views.Collation;

/// <summary>
/// Strings in CouchDB's view order: the ICU root collator at its defaults (couch_ejson_compare's
/// ucol_strcollIter), which .NET's invariant CompareInfo is on Linux. couch_ejson_compare calls ICU for
/// every pair; here strings made only of ASCII characters the <see cref="AsciiCollationTable"/> covers
/// compare straight from their bytes with the same result, and any other character sends the pair to
/// ICU, unescaped to UTF-16 in a stack (or, when long, pooled) buffer.
/// </summary>
internal static class IcuStringOrder
{
    private const int StackChars = 256;

    private static readonly CompareInfo Icu = CultureInfo.InvariantCulture.CompareInfo;

    /// <summary>Compares two string contents (the bytes between the quotes).</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var plain = AsciiCollationTable.PlainBytes;
        if (!a.ContainsAnyExcept(plain) && !b.ContainsAnyExcept(plain)) return ComparePlain(a, b);
        return TryCompareAscii(a, b, out int result) ? result : CompareWithIcu(a, b);
    }

    // Both strings are covered characters written as themselves: equal bytes are equal characters, so
    // the common prefix is skipped at once and the rest read byte by byte.
    private static int ComparePlain(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var primary = AsciiCollationTable.Primary;
        int caseOrder = 0, i = a.CommonPrefixLength(b);
        for (; i < a.Length && i < b.Length; i++)
        {
            int ca = a[i], cb = b[i];
            if (ca == cb) continue;
            int pa = primary[ca], pb = primary[cb];
            if (pa != pb) return pa < pb ? -1 : 1;
            if (caseOrder == 0) caseOrder = AsciiCollationTable.IsUpper(ca) ? 1 : -1;
        }
        return i < a.Length ? 1 : i < b.Length ? -1 : caseOrder;
    }

    // Covered characters, some written as escapes (\t, \u0041): read one at a time; false as soon as
    // either string holds a character the table does not cover.
    private static bool TryCompareAscii(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, out int result)
    {
        var primary = AsciiCollationTable.Primary;
        int i = 0, j = 0, caseOrder = 0;
        while (i < a.Length && j < b.Length)
        {
            int ca = NextCovered(a, ref i), cb = NextCovered(b, ref j);
            if ((ca | cb) < 0)
            {
                result = 0;
                return false;
            }
            int pa = primary[ca], pb = primary[cb];
            if (pa != pb)
            {
                result = pa < pb ? -1 : 1;
                return AllCovered(a, i) && AllCovered(b, j);
            }
            if (caseOrder == 0 && ca != cb) caseOrder = AsciiCollationTable.IsUpper(ca) ? 1 : -1;
        }
        // A primary prefix sorts first (its extension adds primary weights); equal primaries fall to case.
        result = i < a.Length ? 1 : j < b.Length ? -1 : caseOrder;
        return AllCovered(a, i) && AllCovered(b, j);
    }

    // The next character if the ASCII model covers it, else -1.
    private static int NextCovered(ReadOnlySpan<byte> s, ref int pos)
    {
        int c = s[pos];
        if (c == '\\')
        {
            c = JsonStringText.ReadEscape(s, pos, out int length);
            pos += length;
        }
        else
        {
            pos++;
        }
        return c < 128 && AsciiCollationTable.Primary[c] != 0 ? c : -1;
    }

    private static bool AllCovered(ReadOnlySpan<byte> s, int pos)
    {
        while (pos < s.Length)
            if (NextCovered(s, ref pos) < 0) return false;
        return true;
    }

    private static int CompareWithIcu(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        char[]? rentedA = null, rentedB = null;
        Span<char> textA = a.Length <= StackChars ? stackalloc char[a.Length] : (rentedA = ArrayPool<char>.Shared.Rent(a.Length));
        Span<char> textB = b.Length <= StackChars ? stackalloc char[b.Length] : (rentedB = ArrayPool<char>.Shared.Rent(b.Length));
        try
        {
            int lengthA = JsonStringText.ToUtf16(a, textA), lengthB = JsonStringText.ToUtf16(b, textB);
            return Math.Sign(Icu.Compare(textA[..lengthA], textB[..lengthB], CompareOptions.None));
        }
        finally
        {
            if (rentedA != null) ArrayPool<char>.Shared.Return(rentedA);
            if (rentedB != null) ArrayPool<char>.Shared.Return(rentedB);
        }
    }
}
