using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Multipart;

/// <summary>
/// Whether a request accepts a media type, decided as mochiweb's <c>accepts_content_type</c> does for
/// CouchDB. A request without <c>Accept</c> accepts <c>*/*</c>, so a bare client gets multipart
/// wherever CouchDB sends it; clients ask for <c>application/json</c> to get JSON instead.
/// </summary>
public static class AcceptHeader
{
    public static bool Accepts(HttpRequest request, string mediaType)
    {
        string header = request.Headers.Accept.ToString();
        return Accepts(header.Length == 0 ? "*/*" : header, mediaType);
    }

    /// <summary>True when a range with q &gt; 0 matches (exactly, <c>type/*</c> or <c>*/*</c>) and no q=0 range refuses it; an unparsable header accepts nothing.</summary>
    public static bool Accepts(string header, string mediaType)
    {
        string superType = mediaType[..(mediaType.IndexOf('/') + 1)] + "*";
        bool accepted = false;
        foreach (string range in header.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParseRange(range, out string type, out double q)) return false;
            bool matches = type == mediaType || type == superType;
            if (q == 0 && matches) return false;
            if (q > 0 && (matches || type == "*/*")) accepted = true;
        }
        return accepted;
    }

    // "type/sub; p=v; q=0.5": the q parameter comes out, other parameters stay part of the type (mochiweb_util:parse_qvalues).
    private static bool TryParseRange(string range, out string type, out double q)
    {
        q = 1;
        string[] pieces = range.Split(';', StringSplitOptions.RemoveEmptyEntries);
        type = "";
        if (pieces.Length == 0) return false;
        var parts = new List<string> { pieces[0].Trim() };
        for (int i = 1; i < pieces.Length; i++)
        {
            string param = pieces[i].Trim();
            int eq = param.IndexOf('=');
            if (eq > 0 && param[..eq].TrimEnd() == "q")
            {
                if (!double.TryParse(param[(eq + 1)..].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out q)) return false;
                continue;
            }
            parts.Add(param);
        }
        type = string.Join(';', parts);
        return true;
    }
}
