using System.Globalization;
using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;

namespace CouchJs.Http.Queries;

/// <summary>
/// One parameter value: text from a query string, or a JSON value already decoded from a request
/// body. Conversions fail with couch_mrview_http's errors, whose reasons print the value the way
/// Erlang's <c>~p</c> does (<c>"text"</c> for query strings, <c>&lt;&lt;"text"&gt;&gt;</c> for body strings).
/// </summary>
internal readonly struct QueryParam
{
    private readonly string? _text;
    private readonly JsonElement _json;

    private QueryParam(string? text, JsonElement json)
    {
        _text = text;
        _json = json;
    }

    public static QueryParam FromText(string text) => new(text, default);

    public static QueryParam FromJson(JsonElement json) => new(null, json);

    /// <summary>The value as JSON: query-string text is decoded (invalid JSON is CouchDB's 400 "invalid UTF-8 JSON").</summary>
    public JsonElement ToJson()
    {
        if (_text is null) return _json;
        try
        {
            using var doc = JsonDocument.Parse(_text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw DocParser.InvalidJson();
        }
    }

    /// <summary>couch_mrview_http:parse_boolean: true/false in any letter case, or JSON booleans.</summary>
    public bool ToBool()
    {
        if (_json.ValueKind == JsonValueKind.True) return true;
        if (_json.ValueKind == JsonValueKind.False) return false;
        string? text = _text ?? (_json.ValueKind == JsonValueKind.String ? _json.GetString() : null);
        if (text is null) throw Error($"Invalid boolean parameter: {_json.GetRawText()}");
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        // A body string is turned into a character list before the check, so it prints like query text.
        throw Error($"Invalid boolean parameter: {ErlangString(text)}");
    }

    /// <summary>couch_mrview_http:parse_pos_int: an integer (query text, or a JSON integer), not negative.</summary>
    public long ToNonNegative()
    {
        long value = 0;
        bool parsed = _text is not null
            ? long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            : _json.ValueKind == JsonValueKind.Number && _json.TryGetInt64(out value);
        if (!parsed) throw Error($"Invalid value for integer: {Describe()}");
        if (value < 0) throw Error($"Invalid value for positive integer: {Describe()}");
        return value;
    }

    /// <summary>couch_util:to_binary: strings as they are, other JSON values as their text.</summary>
    public string ToText() =>
        _text ?? (_json.ValueKind == JsonValueKind.String ? _json.GetString()! : _json.GetRawText());

    /// <summary>Whether the value is exactly this string (query text or a JSON string), as <c>stale</c>/<c>stable</c>/<c>update</c> compare.</summary>
    public bool Is(string literal) =>
        _text is not null ? _text == literal : _json.ValueKind == JsonValueKind.String && _json.ValueEquals(literal);

    public static CouchException Error(string reason) => new(400, "query_parse_error", reason);

    private string Describe() => _text is not null ? ErlangString(_text)
        : _json.ValueKind == JsonValueKind.String ? "<<" + ErlangString(_json.GetString()!) + ">>"
        : _json.GetRawText();

    // io_lib's ~p of a printable string: double quotes, with quotes, backslashes and control characters escaped.
    private static string ErlangString(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
