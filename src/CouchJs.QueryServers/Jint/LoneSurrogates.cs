namespace CouchJs.QueryServers.Jint;

/// <summary>
/// Jint's JSON.stringify writes a lone surrogate as a <c>\udXXX</c> escape (a paired one stays raw,
/// as UTF-8); couchjs sends U+FFFD instead, and so does the Node host. An escape and its
/// replacement <c>\ufffd</c> have the same length, so the answer is fixed in place.
/// </summary>
internal static class LoneSurrogates
{
    public static byte[] Replace(byte[] json)
    {
        var span = json.AsSpan();
        for (int at = span.IndexOf(@"\ud"u8); at >= 0; at = Next(span, at + 1))
        {
            if (at + 6 <= span.Length && IsSurrogateEscape(span.Slice(at + 3, 3)) && EvenBackslashesBefore(span, at))
                @"\ufffd"u8.CopyTo(span[at..]);
        }
        return json;
    }

    private static int Next(ReadOnlySpan<byte> span, int from)
    {
        int found = span[from..].IndexOf(@"\ud"u8);
        return found < 0 ? -1 : from + found;
    }

    // The rest of \uD800..\uDFFF: one of 8-f, then two hex digits.
    private static bool IsSurrogateEscape(ReadOnlySpan<byte> rest) =>
        "89abcdefABCDEF"u8.Contains(rest[0]) && char.IsAsciiHexDigit((char)rest[1]) && char.IsAsciiHexDigit((char)rest[2]);

    // The backslash starts an escape only if the ones before it pair up among themselves.
    private static bool EvenBackslashesBefore(ReadOnlySpan<byte> span, int at)
    {
        int count = 0;
        while (at - count - 1 >= 0 && span[at - count - 1] == (byte)'\\') count++;
        return count % 2 == 0;
    }
}
