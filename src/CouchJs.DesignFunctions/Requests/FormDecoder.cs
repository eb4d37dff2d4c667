using System.Text;

namespace CouchJs.DesignFunctions.Requests;

/// <summary>
/// mochiweb_util:parse_qs and unquote: <c>k=v</c> pairs separated by <c>&amp;</c> or <c>;</c>, a pair
/// without <c>=</c> has the value "", <c>+</c> is a space and <c>%XX</c> a byte (UTF-8 decoded, a
/// malformed escape kept as written). Order and repeated keys are kept.
/// </summary>
public static class FormDecoder
{
    public static List<KeyValuePair<string, string>> Parse(ReadOnlySpan<char> text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var range in text.SplitAny('&', ';'))
        {
            var pair = text[range];
            if (pair.IsEmpty) continue;
            int eq = pair.IndexOf('=');
            pairs.Add(eq < 0
                ? new(Unquote(pair), "")
                : new(Unquote(pair[..eq]), Unquote(pair[(eq + 1)..])));
        }
        return pairs;
    }

    public static string Unquote(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny('+', '%') < 0) return text.ToString();
        // Escapes are bytes of UTF-8 text: decoded at the byte level, then the whole as UTF-8.
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToArray());
        int length = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (b == '+') b = (byte)' ';
            else if (b == '%' && i + 2 < bytes.Length && IsHex(bytes[i + 1]) && IsHex(bytes[i + 2]))
            {
                b = (byte)(HexValue(bytes[i + 1]) << 4 | HexValue(bytes[i + 2]));
                i += 2;
            }
            bytes[length++] = b;
        }
        return Encoding.UTF8.GetString(bytes, 0, length);
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
