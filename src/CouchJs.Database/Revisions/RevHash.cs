using System.Buffers;
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

    private const int StackLimit = 256;

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
        if (hexA && hexB) return Math.Sign(string.CompareOrdinal(a, b));

        byte[]? rentedA = null, rentedB = null;
        try
        {
            var bytesA = ToBytes(a, hexA, a.Length <= StackLimit ? stackalloc byte[StackLimit * 3] : Rent(a, out rentedA));
            var bytesB = ToBytes(b, hexB, b.Length <= StackLimit ? stackalloc byte[StackLimit * 3] : Rent(b, out rentedB));
            int byBytes = bytesA.SequenceCompareTo(bytesB);
            // Equal bytes from different strings (a hex id and a raw one) still need an order consistent with equality.
            return byBytes != 0 ? Math.Sign(byBytes) : Math.Sign(string.CompareOrdinal(a, b));
        }
        finally
        {
            if (rentedA is not null) ArrayPool<byte>.Shared.Return(rentedA);
            if (rentedB is not null) ArrayPool<byte>.Shared.Return(rentedB);
        }
    }

    /// <summary>The 16 bytes of a <see cref="IsCompactHex"/> hash.</summary>
    public static void DecodeHex(string hash, Span<byte> destination) =>
        Convert.FromHexString(hash, destination, out _, out _);

    private static Span<byte> ToBytes(string hash, bool hex, Span<byte> buffer)
    {
        if (hex)
        {
            DecodeHex(hash, buffer);
            return buffer[..ByteLength];
        }
        return buffer[..Encoding.UTF8.GetBytes(hash, buffer)];
    }

    private static byte[] Rent(string hash, out byte[] rented) =>
        rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(hash.Length));
}
