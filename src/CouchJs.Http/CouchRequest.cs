using System.Globalization;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Http.Auth;
using CouchJs.Http.Routing;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http;

/// <summary>One request as endpoints see it: the context, the decoded path, the user, and CouchDB's parameter parsing.</summary>
public sealed class CouchRequest(HttpContext context, RequestPath path, CouchServices services, UserContext user)
{
    public HttpContext Context { get; } = context;

    public HttpRequest Http => Context.Request;

    public HttpResponse Response => Context.Response;

    public RequestPath Path { get; } = path;

    public CouchServices Services { get; } = services;

    public UserContext User { get; } = user;

    public string Method => Http.Method;

    public CancellationToken Aborted => Context.RequestAborted;

    public string? Query(string name)
    {
        var values = Http.Query[name];
        return values.Count == 0 ? null : values[^1];
    }

    public bool Has(string name) => Http.Query.ContainsKey(name);

    /// <summary>A boolean parameter; anything but true/false is 400 <c>query_parse_error</c>.</summary>
    public bool Bool(string name, bool defaultValue = false)
    {
        string? value = Query(name);
        return value switch
        {
            null => defaultValue,
            "true" => true,
            "false" => false,
            _ => throw QueryError($"Invalid boolean parameter: \"{value}\""),
        };
    }

    public long? Long(string name)
    {
        string? value = Query(name);
        if (value is null) return null;
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw QueryError($"Invalid integer parameter: \"{value}\"");
    }

    /// <summary>A JSON-encoded parameter (key, startkey, keys, open_revs…); invalid JSON is 400 bad_request.</summary>
    public JsonElement? Json(string name)
    {
        string? value = Query(name);
        if (value is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(value);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw CouchException.BadRequest("invalid UTF-8 JSON");
        }
    }

    public static CouchException QueryError(string reason) => new(400, "query_parse_error", reason);

    /// <summary>The request body, bounded by <c>[chttpd] max_http_request_size</c> (413 past it).</summary>
    public async Task<byte[]> ReadBody()
    {
        using var body = await ReadBodyPooled().ConfigureAwait(false);
        return body.Span.ToArray();
    }

    /// <summary>
    /// The request body in a pooled buffer, for large bodies read once (_bulk_docs): no large-object-heap
    /// array per request. Dispose it when done with the bytes.
    /// </summary>
    public async Task<PooledBody> ReadBodyPooled()
    {
        long limit = Services.Config.GetLong("chttpd", "max_http_request_size", 4_294_967_296);
        if (Http.ContentLength > limit) throw TooLarge();
        var body = new PooledBody(Http.ContentLength is long n and < int.MaxValue ? (int)n : 16 * 1024);
        try
        {
            int read;
            while ((read = await Http.Body.ReadAsync(body.FreeSpace(), Aborted).ConfigureAwait(false)) > 0)
            {
                body.Advance(read);
                if (body.Length > limit) throw TooLarge();
            }
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>A JSON body; with <paramref name="requireJsonType"/>, other content types are 415 like chttpd's POST handlers.</summary>
    public async Task<byte[]> ReadJsonBody(bool requireJsonType = false)
    {
        CheckJsonType(requireJsonType);
        return await ReadBody().ConfigureAwait(false);
    }

    public async Task<PooledBody> ReadJsonBodyPooled(bool requireJsonType = false)
    {
        CheckJsonType(requireJsonType);
        return await ReadBodyPooled().ConfigureAwait(false);
    }

    private void CheckJsonType(bool requireJsonType)
    {
        if (requireJsonType && !IsJsonContentType(Http.ContentType))
            throw new CouchException(415, "bad_content_type", "Content-Type must be application/json");
    }

    private static bool IsJsonContentType(string? contentType) =>
        contentType is not null && contentType.Split(';', 2)[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static CouchException TooLarge() => new(413, "too_large", "the request entity is too large");
}
