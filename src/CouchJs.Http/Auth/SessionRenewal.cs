using CouchJs.Config;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

/// <summary>
/// couch_httpd_auth:cookie_auth_header: a response to a request authenticated by a session cookie
/// that is due for renewal carries a new cookie, unless the response already sets one (a login or
/// logout).
/// </summary>
public static class SessionRenewal
{
    public static void Register(HttpContext context, Authentication auth, CouchConfig config, TimeProvider time)
    {
        if (auth.RenewCookieWith is not { } fullSecret || auth.User.Name is not { } name) return;
        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            if (response.Headers.SetCookie.Any(c => c is not null && c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal)))
                return Task.CompletedTask;
            var now = time.GetUtcNow();
            string value = SessionCookie.Value(name, now.ToUnixTimeSeconds(), fullSecret, HmacAlgorithms.Configured(config)[0]);
            response.Headers.Append("Set-Cookie", SessionCookie.Header(value, context.Request, config, now));
            return Task.CompletedTask;
        });
    }
}
