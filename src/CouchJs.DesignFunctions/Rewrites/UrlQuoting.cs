using System.Text;

namespace CouchJs.DesignFunctions.Rewrites;

/// <summary>
/// mochiweb_util:quote_plus on UTF-8 bytes: letters, digits and <c>. - ~ _</c> stay, a space is
/// <c>+</c>, anything else <c>%XX</c> (uppercase). Path segments spell a space <c>%20</c> instead, so
/// the router, which decodes paths as RFC 3986 does, reads back the same segment.
/// </summary>
internal static class UrlQuoting
{
    public static string QuotePlus(string text) => Quote(text, spaceAsPlus: true);

    public static string QuoteSegment(string text) => Quote(text, spaceAsPlus: false);

    private static string Quote(string text, bool spaceAsPlus)
    {
        var quoted = new StringBuilder(text.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'-' or (byte)'~' or (byte)'_') quoted.Append((char)b);
            else if (b == ' ' && spaceAsPlus) quoted.Append('+');
            else quoted.Append('%').Append(Convert.ToHexString([b]));
        }
        return quoted.ToString();
    }
}
