using System.Globalization;
using System.Text;
using CouchJs.Config;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

/// <summary>
/// What a 401 carries besides its body (chttpd:error_headers): the client's
/// <c>X-CouchDB-WWW-Authenticate</c> or <c>[chttpd] WWW-Authenticate</c> as <c>WWW-Authenticate</c>;
/// else, for an <c>unauthorized</c> error, <c>Basic realm="server"</c> when <c>require_valid_user</c> is
/// on, or a 302 to <c>[chttpd_auth] authentication_redirect</c> for a client that accepts HTML but not
/// JSON (a browser asking for a page). API clients, which accept JSON, get no challenge, so browsers
/// show no password dialog for a CouchApp's XHR.
/// </summary>
public static class UnauthorizedHeaders
{
    public const string DefaultRedirect = "/_utils/session.html";

    /// <summary>Sets the headers; returns the status to answer with (302 when redirecting).</summary>
    public static int Apply(HttpContext context, CouchConfig config, string error, string reason)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        string? challenge = request.Headers["X-CouchDB-WWW-Authenticate"].FirstOrDefault() ?? config.Get("chttpd", "WWW-Authenticate", "") switch
        {
            "" => null,
            var configured => configured,
        };
        if (challenge is not null)
        {
            headers.WWWAuthenticate = challenge;
            return 401;
        }
        if (error != "unauthorized") return 401;
        if (config.GetBool("chttpd", "require_valid_user", false))
        {
            headers.WWWAuthenticate = "Basic realm=\"server\"";
            return 401;
        }
        string accept = request.Headers.Accept.ToString();
        if (Accepts(accept, "application/json") || !Accepts(accept, "text/html")) return 401;
        string target = config.Get("chttpd_auth", "authentication_redirect", DefaultRedirect)
            + "?return=" + UrlEncode(request.PathBase + request.Path) + "&reason=" + UrlEncode(reason);
        headers.Location = AbsoluteUri.For(request, config, target);
        return 302;
    }

    /// <summary>mochiweb's accepts_content_type: a q &gt; 0 entry for the type, its main type's <c>/*</c> or <c>*/*</c>, and no q=0 for the type; no Accept accepts all.</summary>
    private static bool Accepts(string accept, string type)
    {
        if (accept.Trim().Length == 0) accept = "*/*";
        string super = type[..type.IndexOf('/')] + "/*";
        bool any = false;
        foreach (string entry in accept.Split(','))
        {
            string[] parts = entry.Split(';');
            string media = parts[0].Trim().ToLowerInvariant();
            double q = 1;
            foreach (string param in parts.Skip(1))
            {
                string p = param.Trim();
                if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && !double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out q)) return false;
            }
            if (q <= 0 && (media == type || media == super)) return false;
            any |= q > 0 && (media == "*/*" || media == type || media == super);
        }
        return any;
    }

    // couch_util:url_encode: letters, digits and _ . - : stay; every other byte is %XX.
    private static string UrlEncode(string text)
    {
        var encoded = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or ':') encoded.Append(c);
            else encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }
}
