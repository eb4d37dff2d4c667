using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

// The "proxy" handler (couch_httpd_auth:proxy_authentication_handler): a trusted front end names the
// user in X-Auth-CouchDB-UserName and their roles in X-Auth-CouchDB-Roles (comma-separated). With
// [chttpd_auth] proxy_use_secret and a secret set, X-Auth-CouchDB-Token must be the hex HMAC of the
// name under the secret (any hash_algorithms one), or the headers are ignored.
public sealed partial class Authenticator
{
    [GeneratedRegex(@"\s*,\s*")]
    private static partial Regex ListSeparator();

    private Authentication? Proxy(HttpRequest request)
    {
        string nameHeader = config.Get("chttpd_auth", "x_auth_username", "X-Auth-CouchDB-UserName");
        if (request.Headers[nameHeader] is not [{ } name, ..]) return null;
        string? roles = request.Headers[config.Get("chttpd_auth", "x_auth_roles", "X-Auth-CouchDB-Roles")];
        var user = new UserContext(name, roles is null ? [] : SplitList(roles));
        if (!config.GetBool("chttpd_auth", "proxy_use_secret", false) || AuthSecret.Get(config) is not { } secret)
            return new Authentication(user, null);
        string token = request.Headers[config.Get("chttpd_auth", "x_auth_token", "X-Auth-CouchDB-Token")].ToString();
        byte[] given = Encoding.UTF8.GetBytes(token), key = Encoding.UTF8.GetBytes(secret), message = Encoding.UTF8.GetBytes(name);
        bool valid = false;
        foreach (var hmac in HmacAlgorithms.Configured(config))
            valid |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hmac(key, message))), given);
        return valid ? new Authentication(user, null) : null;
    }

    /// <summary>re:split(Value, "\\s*,\\s*", [trim]): trailing empty elements dropped.</summary>
    internal static string[] SplitList(string value)
    {
        var items = ListSeparator().Split(value).ToList();
        while (items.Count > 0 && items[^1].Length == 0) items.RemoveAt(items.Count - 1);
        return [.. items];
    }
}
