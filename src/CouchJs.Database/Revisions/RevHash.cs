using System.Text;

namespace CouchJs.Database.Revisions;

/// <summary>
/// Revision hashes as CouchDB holds them: couch_doc:parse_revid turns a 32-char hex id into 16 raw
/// bytes and keeps any other id as its bytes, and trees order ids by those bytes.
/// </summary>
internal static class RevHash
{
    public const int HexLength = 32;
    public const int ByteLength = 16;

    /// <summary>32 lowercase hex chars: the form CouchDB prints, stored as 16 bytes.</summary>
    public static bool IsCompactHex(string hash) =>
        hash.Length == HexLength && !hash.AsSpan().ContainsAnyExcept("0123456789abcdef");

    /// <summary>
    /// CouchDB accepts a 32-char id only if it is hex (either case) and prints it back in lowercase;
    /// any other non-empty id is kept as sent.
    /// </summary>
    public static bool TryNormalize(ReadOnlySpan<char> text, out string hash)
    {
        hash = "";
        if (text.IsEmpty) return false;
        if (text.Length != HexLength)
        {
            hash = text.ToString();
            return true;
        }
        if (text.ContainsAnyExcept("0123456789abcdefABCDEF")) return false;
        hash = text.ToString().ToLowerInvariant();
        return true;
    }

    /// <summary>Bytewise order of the ids' binary forms, like Erlang compares CouchDB's rev ids.</summary>
    public static int Compare(string a, string b)
    {
        if (ReferenceEquals(a, b)) return 0;
        bool hexA = IsCompactHex(a), hexB = IsCompactHex(b);
        // Lowercase hex sorts like the bytes it encodes.
        if (hexA == hexB) return hexA ? Math.Sign(string.CompareOrdinal(a, b)) : CompareUtf8(a, b);
        int byBytes = hexA ? CompareHexToUtf8(a, b) : -CompareHexToUtf8(b, a);
        // Equal bytes from different strings (a hex id and a raw one) still need an order consistent with equality.
        return byBytes != 0 ? byBytes : Math.Sign(string.CompareOrdinal(a, b));
    }

    /// <summary>
    /// UTF-8 byte order is code point order, which UTF-16 order matches except that a surrogate
    /// (a code point above U+FFFF) must sort after U+E000..U+FFFF.
    /// </summary>
    private static int CompareUtf8(string a, string b)
    {
        int common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length) return a.Length.CompareTo(b.Length);
        char x = a[common], y = b[common];
        if (char.IsSurrogate(x) != char.IsSurrogate(y) && Math.Max(x, y) >= '\uE000') return char.IsSurrogate(x) ? 1 : -1;
        return x < y ? -1 : 1;
    }

    /// <summary>The 16 bytes of <paramref name="hex"/> against the UTF-8 bytes of <paramref name="other"/>.</summary>
    private static int CompareHexToUtf8(string hex, string other)
    {
        Span<byte> hexBytes = stackalloc byte[ByteLength];
        DecodeHex(hex, hexBytes);
        // One char past 16 bytes is enough to know whether the other id is longer.
        var prefix = other.AsSpan(0, Math.Min(other.Length, ByteLength + 1));
        Span<byte> otherBytes = stackalloc byte[(ByteLength + 1) * 3];
        int length = Encoding.UTF8.GetBytes(prefix, otherBytes);
        return Math.Sign(hexBytes.SequenceCompareTo(otherBytes[..Math.Min(length, ByteLength + 1)]));
    }

    /// <summary>The 16 bytes of a <see cref="IsCompactHex"/> hash.</summary>
    public static void DecodeHex(string hash, Span<byte> destination) =>
        Convert.FromHexString(hash, destination, out _, out _);
}
