using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>Makes and reads <c>AuthSession</c> values the way CouchDB does, to forge, age and tamper with them.</summary>
internal static class SessionCookieKit
{
    public static async Task<string> Secret(CouchServer server)
    {
        var value = await HttpAssert.Json(await server.Client.GetAsync("_node/_local/_config/chttpd_auth/secret"), HttpStatusCode.OK);
        return (string)value!;
    }

    public static async Task<string> Salt(CouchServer server, string user)
    {
        var doc = await HttpAssert.Json(await server.Client.GetAsync("_users/org.couchdb.user:" + user), HttpStatusCode.OK);
        return (string)doc!["salt"]!;
    }

    /// <summary>base64url(user:HEXTIME:hmac(secret+salt, user:HEXTIME)).</summary>
    public static string Make(string user, long unixSeconds, string secret, string salt, Func<byte[], byte[], byte[]>? hmac = null)
    {
        hmac ??= HMACSHA256.HashData;
        string data = user + ":" + unixSeconds.ToString("X", CultureInfo.InvariantCulture);
        byte[] mac = hmac(Encoding.UTF8.GetBytes(secret + salt), Encoding.UTF8.GetBytes(data));
        return Base64Url([.. Encoding.UTF8.GetBytes(data + ":"), .. mac]);
    }

    public static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>The AuthSession value a response sets, or null.</summary>
    public static string? SetValue(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(v => v.StartsWith("AuthSession=", StringComparison.Ordinal)).Select(v => v["AuthSession=".Length..v.IndexOf(';')]).FirstOrDefault()
            : null;

    public static HttpRequestMessage WithCookie(HttpMethod method, string path, string value)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", "AuthSession=" + value);
        return request;
    }
}
