namespace CouchJs.Views.Collation;

/// <summary>
/// Strings in raw collation: Erlang compares the decoded binaries bytewise, which is code point
/// order. Contents without escapes compare as they are; escapes are read as their code points.
/// </summary>
internal static class RawStringOrder
{
    /// <summary>Compares two string contents (the bytes between the quotes).</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (!a.Contains((byte)'\\') && !b.Contains((byte)'\\')) return Math.Sign(a.SequenceCompareTo(b));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            int ca = JsonStringText.CodePointAt(a, i, out int lengthA), cb = JsonStringText.CodePointAt(b, j, out int lengthB);
            if (ca != cb) return ca < cb ? -1 : 1;
            i += lengthA;
            j += lengthB;
        }
        return i < a.Length ? 1 : j < b.Length ? -1 : 0;
    }
}
