using System.Buffers;
using System.Net;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.DesignFunctions.Requests;
using CouchJs.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CouchJs.Http.DesignFunctions;

/// <summary>
/// A request as design functions get it (chttpd_external:json_req_obj): what was sent, read off the
/// HTTP request, and its database's part (info, the user, the security object).
/// </summary>
internal static class FunctionRequests
{
    /// <summary>The body, or null when the request has none (no Content-Length, not chunked): the req object's "undefined".</summary>
    public static async Task<byte[]?> ReadBody(CouchRequest r) =>
        HasBody(r.Http) ? await r.ReadBody().ConfigureAwait(false) : null;

    public static bool HasBody(HttpRequest request) =>
        request.ContentLength is not null || request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full request object of a show, list, update or filter.</summary>
    public static byte[] Full(CouchRequest r, CouchDatabase db, byte[]? body, string? docId) =>
        RequestObject.Full(Facts(r, body), Scope(r, db), Info(db), r.Services.Uuids.Next(), docId);

    /// <summary>The Request2 object of a rewrite function.</summary>
    public static byte[] ForRewrite(CouchRequest r, CouchDatabase db, byte[]? body) => RequestObject.ForRewrite(Facts(r, body), Scope(r, db));

    public static RequestFacts Facts(CouchRequest r, byte[]? body)
    {
        var headers = new List<KeyValuePair<string, string>>(r.Http.Headers.Count);
        foreach (var (name, values) in r.Http.Headers) headers.Add(new(name, values.ToString()));
        return new RequestFacts(r.Method, RawTarget(r.Context), r.Path.Segments, headers, body, Peer(r.Context));
    }

    /// <summary>The request target as sent (or as a rewrite made it): path and query, percent-encoding intact.</summary>
    public static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value + context.Request.QueryString.Value;

    public static RequestScope Scope(CouchRequest r, CouchDatabase db)
    {
        using var reader = db.OpenReader();
        return new RequestScope(db.Name, RequestContext.ToUserCtx(r.User), r.Services.Security.Json(reader));
    }

    private static byte[] Info(CouchDatabase db)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, CouchJson.WriterOptions)) DatabaseInfo.Read(db).Write(w);
        return buffer.WrittenSpan.ToArray();
    }

    // mochiweb_request:get(peer): for a loopback or 10.x client, the last X-Forwarded-For host when given.
    private static string Peer(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        bool proxied = IPAddress.IsLoopback(address) || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 10);
        string forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (proxied && forwarded.Length > 0) return forwarded.Split(',')[^1].Trim();
        return address.ToString();
    }
}
