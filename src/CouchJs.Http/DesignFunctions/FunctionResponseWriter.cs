using CouchJs.Config;
using CouchJs.DesignFunctions.Responses;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.DesignFunctions;

/// <summary>
/// Sends a design function's response (chttpd_external:send_external_response): its code and headers,
/// the Content-Type it set or its body implies; a <c>json</c> body as chttpd sends JSON (with
/// Cache-Control: must-revalidate), any other body with the show/list Content-Security-Policy first
/// (<c>[csp] showlist_enable</c>, default on, value <c>[csp] showlist_header_value</c>, default <c>sandbox</c>).
/// </summary>
internal static class FunctionResponseWriter
{
    public static async Task Write(CouchRequest r, FunctionResponse response)
    {
        var http = r.Response;
        http.StatusCode = response.Code;
        if (response.IsJson) http.Headers.CacheControl = "must-revalidate";
        else AddShowListPolicy(http, r.Services.Config);
        ApplyHeaders(http, response.Headers);
        http.ContentType = response.ContentType;
        http.ContentLength = response.Body.Length;
        if (HttpMethods.IsHead(r.Method)) return;
        await http.Body.WriteAsync(response.Body, r.Aborted).ConfigureAwait(false);
    }

    /// <summary>The function's headers; a repeated name (in any case) is sent once, the last value.</summary>
    public static void ApplyHeaders(HttpResponse http, IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Security-Policy", StringComparison.OrdinalIgnoreCase)) http.Headers.Append(name, value);
            else http.Headers[name] = value;
        }
    }

    /// <summary>chttpd_util:maybe_add_csp_header("showlist", …): ours goes first, a function's own can only narrow it.</summary>
    public static void AddShowListPolicy(HttpResponse http, CouchConfig config)
    {
        if (config.GetBool("csp", "showlist_enable", true))
            http.Headers.Append("Content-Security-Policy", config.Get("csp", "showlist_header_value", "sandbox"));
    }
}
