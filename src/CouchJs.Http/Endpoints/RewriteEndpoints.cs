using System.Text;
using CouchJs.Database;
using CouchJs.DesignFunctions.Rewrites;
using CouchJs.Http.Auth;
using CouchJs.Http.DesignFunctions;
using CouchJs.Http.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/{db}/_design/{ddoc}/_rewrite/{path…}</c> (chttpd_rewrite:handle_rewrite_req), any method: the
/// design doc's <c>rewrites</c> — an array of rules (<see cref="RewriteRules"/>) or a function
/// (<see cref="RewriteFunctionAnswer"/>) — turns the request into another one below the design
/// document, which is then served as if it had been sent (authorized again for its new path, with
/// the same user). A function may instead answer at once. No <c>rewrites</c>, or a function that
/// finds no rule, is 404 rewrite_error "Invalid path."; more than <c>[chttpd] rewrite_limit</c>
/// (100) rewrites in one request is 400.
/// </summary>
public static class RewriteEndpoints
{
    private const string CountKey = "couchjs.rewrites";

    public static async Task Rewrite(CouchRequest r, string db, string ddocName)
    {
        CountRewrite(r);
        var database = DatabaseEndpoints.Open(r, db);
        var functions = r.Services.DesignFunctions;
        var ddoc = functions.Designs.Current(database).Get("_design/" + ddocName);
        string prefix = "/" + DocumentEndpoints.UrlEncode(db) + "/_design/" + DocumentEndpoints.UrlEncode(ddocName);
        string target = FunctionRequests.RawTarget(r.Context);
        int mark = target.IndexOf('?');
        string rawQuery = mark < 0 ? "" : target[(mark + 1)..];
        string method = r.Method == "HEAD" ? "GET" : r.Method;

        var rules = ddoc.Member("rewrites");
        byte[]? body = null;
        RewriteOutcome outcome;
        if (rules is { ValueKind: System.Text.Json.JsonValueKind.Array } array)
        {
            outcome = new RewriteTo(RewriteRules.Rewrite(array, method, r.Path.Segments[4..], rawQuery, prefix, SecureRewrites(r)));
        }
        else if (rules is { ValueKind: System.Text.Json.JsonValueKind.String })
        {
            body = await FunctionRequests.ReadBody(r).ConfigureAwait(false);
            var req = FunctionRequests.ForRewrite(r, database, body);
            outcome = await functions.Rewrite(database, ddoc, req, prefix, rawQuery, r.Aborted).ConfigureAwait(false) ?? throw InvalidPath();
        }
        else throw InvalidPath();

        if (outcome is RewriteRespond respond) await Respond(r, respond, body).ConfigureAwait(false);
        else await Serve(r, (RewriteTo)outcome, body).ConfigureAwait(false);
    }

    private static void CountRewrite(CouchRequest r)
    {
        int count = r.Context.Items.TryGetValue(CountKey, out var value) ? (int)value! : 0;
        var config = r.Services.Config;
        int limit = config.GetInt("chttpd", "rewrite_limit", config.GetInt("httpd", "rewrite_limit", 100));
        if (count >= limit) throw CouchException.BadRequest("Exceeded rewrite recursion limit");
        r.Context.Items[CountKey] = count + 1;
    }

    // [chttpd] secure_rewrites (CouchDB's [httpd] one still counts): anything but "false" is on.
    private static bool SecureRewrites(CouchRequest r) =>
        (r.Services.Config.Get("chttpd", "secure_rewrites") ?? r.Services.Config.Get("httpd", "secure_rewrites", "true")) != "false";

    private static CouchException InvalidPath() => new(404, "rewrite_error", "Invalid path.");

    // chttpd:send_response with the function's code and headers; no body means the request's.
    private static async Task Respond(CouchRequest r, RewriteRespond respond, byte[]? requestBody)
    {
        byte[] body = respond.Body is { } text ? Encoding.UTF8.GetBytes(text) : requestBody ?? [];
        r.Response.StatusCode = respond.Code;
        FunctionResponseWriter.ApplyHeaders(r.Response, respond.Headers);
        r.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(r.Method)) await r.Response.Body.WriteAsync(body, r.Aborted).ConfigureAwait(false);
    }

    // chttpd:handle_request_int on the new request: same connection and user; a body already read is replayed.
    private static Task Serve(CouchRequest r, RewriteTo to, byte[]? readBody)
    {
        var http = r.Http;
        if (to.Method is { } method) http.Method = method;
        foreach (var (name, value) in to.Headers ?? []) http.Headers[name] = value;
        byte[]? body = to.Body is { } text ? Encoding.UTF8.GetBytes(text) : readBody;
        if (body is not null)
        {
            http.Body = new MemoryStream(body, writable: false);
            http.ContentLength = body.Length;
            http.Headers.TransferEncoding = default;
        }
        int mark = to.Target.IndexOf('?');
        http.Path = PathString.FromUriComponent(mark < 0 ? to.Target : to.Target[..mark]);
        http.QueryString = mark < 0 ? QueryString.Empty : new QueryString(to.Target[mark..]);
        if (r.Context.Features.Get<IHttpRequestFeature>() is { } feature) feature.RawTarget = to.Target;
        var next = new CouchRequest(r.Context, RequestPath.Parse(to.Target), r.Services, r.User);
        var handler = Authorization.Check(next) ?? CouchRouter.Dispatch;
        return handler(next);
    }
}
