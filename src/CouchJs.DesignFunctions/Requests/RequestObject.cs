using System.Buffers;
using System.Text;
using System.Text.Json;
using CouchJs.Database;

namespace CouchJs.DesignFunctions.Requests;

/// <summary>
/// CouchDB's request object (chttpd_external:json_req_obj), the <c>req</c> of shows, lists, updates and
/// filters: <c>info, uuid, id, method, requested_path, path, raw_path, query, headers, body, peer,
/// form, cookie, userCtx, secObj</c> in that order; and the rewrite function's Request2 object, the
/// same without <c>info, uuid, id, form</c>.
/// <list type="bullet">
/// <item><c>query</c>: every parameter as a string, except <c>key</c>, <c>startkey</c>, <c>endkey</c> and
/// <c>descending</c>, which are JSON-decoded (invalid JSON is 400 "invalid UTF-8 JSON").</item>
/// <item><c>headers</c>: in mochiweb's order (by lowercased name).</item>
/// <item><c>body</c>: the body as a string, <c>"undefined"</c> when the request has none.</item>
/// <item><c>requested_path</c>: the raw target (query string included, as mochiweb's raw_path has it)
/// split on <c>/</c> and decoded, or the <c>X-CouchDB-Requested-Path</c> header's.</item>
/// <item><c>form</c>: the urlencoded body's fields for a POST or PUT with that Content-Type, else <c>{}</c>.</item>
/// </list>
/// </summary>
public static class RequestObject
{
    private static readonly HashSet<string> JsonQueryKeys = new(StringComparer.Ordinal) { "key", "startkey", "endkey", "descending" };

    /// <summary>The full request object of a show, list, update or filter (<paramref name="docId"/> null when none).</summary>
    public static byte[] Full(RequestFacts req, RequestScope scope, ReadOnlySpan<byte> info, string uuid, string? docId)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var w = new Utf8JsonWriter(buffer, FunctionJson.WriterOptions);
        w.WriteStartObject();
        w.WritePropertyName("info"u8);
        w.WriteRawValue(info, skipInputValidation: true);
        w.WriteString("uuid"u8, uuid);
        if (docId is null) w.WriteNull("id"u8);
        else w.WriteString("id"u8, docId);
        WriteRequest(w, req, withForm: true);
        WriteScope(w, scope);
        w.WriteEndObject();
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The Request2 object a rewrite function gets.</summary>
    public static byte[] ForRewrite(RequestFacts req, RequestScope scope)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var w = new Utf8JsonWriter(buffer, FunctionJson.WriterOptions);
        w.WriteStartObject();
        WriteRequest(w, req, withForm: false);
        WriteScope(w, scope);
        w.WriteEndObject();
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    // method … cookie, with form between peer and cookie.
    private static void WriteRequest(Utf8JsonWriter w, RequestFacts req, bool withForm)
    {
        w.WriteString("method"u8, req.Method == "HEAD" ? "GET" : req.Method);
        WriteStrings(w, "requested_path"u8, RequestedPath(req));
        WriteStrings(w, "path"u8, req.Path);
        w.WriteString("raw_path"u8, req.RawPath);
        WriteQuery(w, req.RawPath);
        w.WriteStartObject("headers"u8);
        foreach (var (name, value) in req.Headers.OrderBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)) w.WriteString(name, value);
        w.WriteEndObject();
        if (req.Body is null) w.WriteString("body"u8, "undefined"u8);
        else w.WriteString("body"u8, Encoding.UTF8.GetString(req.Body));
        w.WriteString("peer"u8, req.Peer);
        if (withForm) WritePairs(w, "form"u8, Form(req));
        WritePairs(w, "cookie"u8, Cookies(req.Header("Cookie")));
    }

    private static void WriteScope(Utf8JsonWriter w, RequestScope scope)
    {
        w.WritePropertyName("userCtx"u8);
        scope.User.Write(w, scope.Db);
        w.WritePropertyName("secObj"u8);
        w.WriteRawValue(scope.Security.Span, skipInputValidation: true);
    }

    private static IEnumerable<string> RequestedPath(RequestFacts req)
    {
        string raw = req.Header("X-CouchDB-Vhost-Path") ?? req.Header("X-CouchDB-Requested-Path") ?? req.RawPath;
        return raw.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString);
    }

    private static void WriteQuery(Utf8JsonWriter w, string rawPath)
    {
        int mark = rawPath.IndexOf('?');
        w.WriteStartObject("query"u8);
        if (mark >= 0)
        {
            foreach (var (key, value) in FormDecoder.Parse(rawPath.AsSpan(mark + 1)))
            {
                if (!JsonQueryKeys.Contains(key)) w.WriteString(key, value);
                else
                {
                    w.WritePropertyName(key);
                    w.WriteRawValue(JsonValue(value), skipInputValidation: true);
                }
            }
        }
        w.WriteEndObject();
    }

    // chttpd_external:json_query_keys decodes these; a value that is no JSON is CouchDB's invalid_json.
    private static byte[] JsonValue(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return Encoding.UTF8.GetBytes(doc.RootElement.GetRawText());
        }
        catch (JsonException)
        {
            throw CouchException.BadRequest("invalid UTF-8 JSON");
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Form(RequestFacts req)
    {
        if (req.Method is not ("POST" or "PUT") || req.Body is null) return [];
        string contentType = req.Header("Content-Type") ?? "";
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)) return [];
        return FormDecoder.Parse(Encoding.UTF8.GetString(req.Body));
    }

    // mochiweb_cookies:parse_cookie: name=value pairs separated by ';' or ','; quoted values unquoted.
    private static IEnumerable<KeyValuePair<string, string>> Cookies(string? header)
    {
        if (string.IsNullOrEmpty(header)) yield break;
        foreach (string part in header.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) continue;
            string value = part[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            yield return new(part[..eq].Trim(), value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void WritePairs(Utf8JsonWriter w, ReadOnlySpan<byte> name, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in pairs) w.WriteString(key, value);
        w.WriteEndObject();
    }
}

/// <summary>What a request object says about its database and user: <c>userCtx</c> (with the db name) and <c>secObj</c>.</summary>
public sealed record RequestScope(string Db, UserCtx User, ReadOnlyMemory<byte> Security);
