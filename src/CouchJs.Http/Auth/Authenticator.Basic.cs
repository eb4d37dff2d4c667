using System.Text;
using CouchJs.Database;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

// The "default" handler: HTTP Basic (couch_httpd_auth:default_authentication_handler).
public sealed partial class Authenticator
{
    public const string NameOrPasswordIncorrect = "Name or password is incorrect.";

    private Authentication? Basic(HttpContext context)
    {
        if (BasicCredentials(context.Request) is not { } credentials) return null;
        var (user, password) = credentials;
        var creds = Credentials.Get(user) ?? throw AccessErrors.Unauthorized(NameOrPasswordIncorrect);
        // A user with a second factor logs in through _session only.
        if (creds.Totp is not null || !Passwords.Verify(context.Connection.RemoteIpAddress, user, password, creds))
            throw AccessErrors.Unauthorized(NameOrPasswordIncorrect);
        return new Authentication(new UserContext(user, creds.Roles), null);
    }

    /// <summary>
    /// basic_name_pw: <c>Authorization: Basic base64(name:password)</c>; no such header, no colon, or the
    /// name and password <c>_</c> (a way to log out) mean no credentials; undecodable base64 is 400.
    /// </summary>
    private static (string User, string Password)? BasicCredentials(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal)) return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
        }
        catch (FormatException)
        {
            throw CouchException.BadRequest("Authorization header has invalid base64 value");
        }
        int colon = decoded.IndexOf(':');
        if (colon < 0) return null;
        string user = decoded[..colon], password = decoded[(colon + 1)..];
        return user == "_" && password == "_" ? null : (user, password);
    }
}
