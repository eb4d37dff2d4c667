using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

// The "cookie" handler (couch_httpd_auth:cookie_authentication_handler). A cookie that cannot be read
// at all is 400; one that is expired, forged or for an unknown user is ignored, so the next handler runs.
public sealed partial class Authenticator
{
    private Authentication? Cookie(HttpRequest request)
    {
        if (SessionCookie.From(request) is not { Length: > 0 } value) return null;
        var parts = SessionCookie.Parse(value);
        if (AuthSecret.Get(config) is not { } secret || Credentials.Get(parts.User) is not { } creds) return null;
        if (!long.TryParse(parts.TimeHex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long issued)) return null;
        long now = SessionCookie.Now(Time);
        int timeout = SessionCookie.Timeout(config);
        if (now >= issued + timeout) return null;
        byte[] fullSecret = SessionCookie.FullSecret(secret, creds.Salt);
        bool valid = false;
        foreach (var hmac in HmacAlgorithms.Configured(config))
            valid |= CryptographicOperations.FixedTimeEquals(SessionCookie.Mac(parts.User, parts.TimeHex, fullSecret, hmac), parts.Mac);
        if (!valid) return null;
        // Renewed once more than a tenth of its life has passed.
        bool renew = issued + timeout - now < timeout * 0.9;
        return new Authentication(new UserContext(parts.User, creds.Roles), renew ? fullSecret : null);
    }
}
