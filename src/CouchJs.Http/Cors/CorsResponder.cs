using CouchJs.Config;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Cors;

/// <summary>
/// chttpd_cors: with <c>[chttpd] enable_cors</c> and an <c>Origin</c> the settings accept, a preflight
/// (<c>OPTIONS</c> with <c>Access-Control-Request-Method</c> among the allowed methods and every
/// <c>Access-Control-Request-Headers</c> header allowed) is answered 204 before authentication, and
/// every other response gets <c>Access-Control-Allow-Origin</c> (the origin itself),
/// <c>Access-Control-Allow-Credentials</c> when allowed, and <c>Access-Control-Expose-Headers</c>: the
/// response's simple headers (content-type first unless its value is a simple one) and CouchDB's own.
/// Anything else gets no CORS headers and goes on as a plain request.
/// </summary>
public static partial class CorsResponder
{
    // The CORS spec's simple response headers, in the order CouchDB's JSON responses carry them.
    private static readonly string[] SimpleHeaders = ["cache-control", "content-language", "content-type", "expires", "last-modified", "pragma"];

    private static readonly string[] SimpleContentTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    /// <summary>Answers a CORS preflight; false when the request is none and goes on.</summary>
    public static bool TryPreflight(HttpContext context, CouchConfig config)
    {
        var request = context.Request;
        if (request.Method != "OPTIONS" || request.Headers.Origin is not [{ } origin, ..]) return false;
        var settings = CorsSettings.For(config, request.Host.Value ?? "");
        if (!settings.Enabled || !settings.Accepts(origin)) return false;
        if (request.Headers.AccessControlRequestMethod is not [{ } method, ..] || !settings.Methods.Contains(method)) return false;
        string requested = request.Headers.AccessControlRequestHeaders.ToString().Trim();
        if (AskedHeaders(requested).Any(h => !settings.Headers.Contains(h))) return false;

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlMaxAge = settings.MaxAge;
        headers.AccessControlAllowMethods = string.Join(", ", settings.Methods);
        if (settings.AllowsCredentials(origin)) headers.AccessControlAllowCredentials = "true";
        headers.AccessControlAllowHeaders = requested;
        context.Response.StatusCode = 204;
        return true;
    }

    /// <summary>Adds the CORS headers to this request's response when it starts, if the origin is accepted.</summary>
    public static void OnResponse(HttpContext context, CouchConfig config)
    {
        if (context.Request.Headers.Origin is not [{ } origin, ..]) return;
        var settings = CorsSettings.For(config, context.Request.Host.Value ?? "");
        if (!settings.Enabled || !settings.Accepts(origin)) return;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var exposed = SimpleHeaders.Where(h => headers.ContainsKey(h)).ToList();
            string contentType = headers.ContentType.ToString();
            if (contentType.Length == 0 || !SimpleContentTypes.Contains(contentType.ToLowerInvariant()))
            {
                exposed.Remove("content-type");
                exposed.Insert(0, "content-type");
            }
            headers.AccessControlAllowOrigin = origin;
            if (settings.AllowsCredentials(origin)) headers.AccessControlAllowCredentials = "true";
            headers.AccessControlExposeHeaders = string.Join(", ", exposed.Concat(settings.ExposedHeaders));
            return Task.CompletedTask;
        });
    }

    // split_headers: re:split(H, ",\\s*", [trim]), lower-cased; spaces before a comma stay and fail the check.
    private static IEnumerable<string> AskedHeaders(string requested) =>
        requested.Length == 0 ? [] : SplitHeaders().Split(requested).Reverse().SkipWhile(h => h.Length == 0).Reverse().Select(h => h.ToLowerInvariant());

    [GeneratedRegex(@",\s*")]
    private static partial Regex SplitHeaders();
}
