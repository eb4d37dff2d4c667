using System.Globalization;
using System.Text;
using CouchJs.Config;
using CouchJs.Database;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

/// <summary>
/// The <c>AuthSession</c> cookie (couch_httpd_auth): base64url of <c>name:TIME:MAC</c>, TIME the
/// issue time in seconds as upper-case hex, MAC the raw HMAC of <c>name:TIME</c> keyed with
/// <c>[chttpd_auth] secret</c> followed by the user's salt (so a new password ends old sessions). It is
/// valid for <c>[chttpd_auth] timeout</c> seconds from TIME, and renewed on a response once more than
/// a tenth of that has passed. Attributes: <c>Version=1</c>, <c>Expires</c> and <c>Max-Age</c> when
/// <c>allow_persistent_cookies</c>, <c>Secure</c> over https, <c>Domain</c> from <c>cookie_domain</c>,
/// <c>Path=/</c>, <c>HttpOnly</c>, and <c>SameSite</c> from <c>same_site</c>, in mochiweb's order.
/// </summary>
public static class SessionCookie
{
    public const string Name = "AuthSession";
    public const string Malformed = "Malformed AuthSession cookie. Please clear your cookies.";

    public const int DefaultTimeout = 600;

    /// <summary>A cookie's parts; the name and time as sent (bytes of the name are UTF-8).</summary>
    public readonly record struct Parts(string User, string TimeHex, byte[] Mac);

    public static int Timeout(CouchConfig config) => config.GetInt("chttpd_auth", "timeout", DefaultTimeout);

    /// <summary>
    /// The <c>AuthSession</c> value of the request's <c>Cookie</c> headers, read leniently as mochiweb
    /// does (whatever follows <c>=</c> up to the next <c>;</c>, quotes removed) so that a value a strict
    /// cookie parser would drop is still seen, and refused, as malformed.
    /// </summary>
    public static string? From(HttpRequest request)
    {
        foreach (string? header in request.Headers.Cookie)
        {
            if (header is null) continue;
            foreach (string pair in header.Split(';'))
            {
                int equals = pair.IndexOf('=');
                if (equals < 0 || pair[..equals].Trim() != Name) continue;
                return pair[(equals + 1)..].Trim().Trim('"');
            }
        }
        return null;
    }

    /// <summary>The cookie's value for a session of <paramref name="user"/> started at <paramref name="unixSeconds"/>.</summary>
    public static string Value(string user, long unixSeconds, byte[] fullSecret, HmacAlgorithms.Hmac hmac)
    {
        string data = user + ":" + unixSeconds.ToString("X", CultureInfo.InvariantCulture);
        byte[] dataBytes = Encoding.UTF8.GetBytes(data);
        byte[] mac = hmac(fullSecret, dataBytes);
        byte[] whole = new byte[dataBytes.Length + 1 + mac.Length];
        dataBytes.CopyTo(whole, 0);
        whole[dataBytes.Length] = (byte)':';
        mac.CopyTo(whole, dataBytes.Length + 1);
        return Base64Url.Encode(whole);
    }

    /// <summary>Splits a cookie value; 400 with CouchDB's reason when it is no base64url or has no three parts.</summary>
    public static Parts Parse(string value)
    {
        byte[] bytes = Base64Url.Decode(value) ?? throw CouchException.BadRequest(Malformed);
        int first = Array.IndexOf(bytes, (byte)':');
        int second = first < 0 ? -1 : Array.IndexOf(bytes, (byte)':', first + 1);
        if (second < 0) throw CouchException.BadRequest(Malformed);
        return new Parts(
            Encoding.UTF8.GetString(bytes, 0, first),
            Encoding.UTF8.GetString(bytes, first + 1, second - first - 1),
            bytes[(second + 1)..]);
    }

    /// <summary>The MAC a cookie for <paramref name="user"/> issued at <paramref name="timeHex"/> must carry.</summary>
    public static byte[] Mac(string user, string timeHex, byte[] fullSecret, HmacAlgorithms.Hmac hmac) =>
        hmac(fullSecret, Encoding.UTF8.GetBytes(user + ":" + timeHex));

    /// <summary>The <c>Set-Cookie</c> header for <paramref name="value"/> (empty to clear the session).</summary>
    public static string Header(string value, HttpRequest request, CouchConfig config, DateTimeOffset now)
    {
        var header = new StringBuilder(Name).Append('=').Append(value).Append("; Version=1");
        if (config.GetBool("chttpd_auth", "allow_persistent_cookies", true))
        {
            int maxAge = Math.Max(0, Timeout(config));
            header.Append("; Expires=").Append(now.AddSeconds(maxAge).ToString("R", CultureInfo.InvariantCulture))
                .Append("; Max-Age=").Append(maxAge.ToString(CultureInfo.InvariantCulture));
        }
        if (request.IsHttps) header.Append("; Secure");
        if (config.Get("chttpd_auth", "cookie_domain", "") is { Length: > 0 } domain) header.Append("; Domain=").Append(domain);
        header.Append("; Path=/; HttpOnly");
        string? sameSite = config.Get("chttpd_auth", "same_site", "").ToLowerInvariant() switch
        {
            "none" => "None",
            "lax" => "Lax",
            "strict" => "Strict",
            _ => null,
        };
        if (sameSite is not null) header.Append("; SameSite=").Append(sameSite);
        return header.ToString();
    }

    /// <summary>The secret a user's cookies are signed with: the server's, then the user's salt.</summary>
    public static byte[] FullSecret(string secret, string salt) => Encoding.UTF8.GetBytes(secret + salt);

    public static long Now(TimeProvider time) => time.GetUtcNow().ToUnixTimeSeconds();
}
