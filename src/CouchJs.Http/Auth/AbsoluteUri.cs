using CouchJs.Config;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

/// <summary>
/// chttpd:absolute_uri, for redirects: the scheme (https when <c>X-Forwarded-Ssl</c> is <c>on</c>,
/// <c>X-Forwarded-Proto</c> is <c>https</c>, or the connection is), the host (<c>X-Forwarded-Host</c>,
/// else <c>Host</c>; the header names per <c>[chttpd] x_forwarded_*</c>), then the path as given.
/// </summary>
public static class AbsoluteUri
{
    public static string For(HttpRequest request, CouchConfig config, string path)
    {
        var headers = request.Headers;
        string host = headers[config.Get("chttpd", "x_forwarded_host", "X-Forwarded-Host")].FirstOrDefault() ?? request.Host.Value ?? "";
        bool https = headers[config.Get("chttpd", "x_forwarded_ssl", "X-Forwarded-Ssl")] == "on"
            || headers[config.Get("chttpd", "x_forwarded_proto", "X-Forwarded-Proto")] == "https"
            || request.IsHttps;
        return (https ? "https" : "http") + "://" + host + path;
    }
}
