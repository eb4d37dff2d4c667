using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CouchJs.Database;

namespace CouchJs.DesignFunctions.Rewrites;

/// <summary>
/// A bound value: request text (a path segment, a query parameter), a JSON value (a decoded
/// <c>key</c>-like parameter, a rule's non-string <c>query</c> value, a formatted variable), or a list.
/// </summary>
internal sealed class BindValue
{
    private readonly string? _text;
    private readonly JsonElement? _json;
    private readonly IReadOnlyList<BindValue>? _list;

    private BindValue(string? text, JsonElement? json, IReadOnlyList<BindValue>? list)
    {
        _text = text;
        _json = json;
        _list = list;
    }

    public static BindValue Of(string text) => new(text, null, null);

    public static BindValue Of(JsonElement json) => json.ValueKind == JsonValueKind.String ? Of(json.GetString()!) : new(null, json.Clone(), null);

    public static BindValue List(IReadOnlyList<BindValue> items) => new(null, null, items);

    /// <summary>chttpd_rewrite:decode_query_value for key-like parameters; invalid JSON is 400.</summary>
    public static BindValue Decode(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return new BindValue(null, doc.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            throw CouchException.BadRequest("invalid UTF-8 JSON");
        }
    }

    /// <summary>The value as a path segment or plain query value (iolist_to_binary): text as is, lists concatenated, other JSON as JSON.</summary>
    public string Text() =>
        _text ?? (_list is { } list ? string.Concat(list.Select(v => v.Text())) : _json!.Value.GetRawText());

    /// <summary>The value JSON-encoded (maybe_json for key-like names).</summary>
    public string Json()
    {
        if (_text is not null) return JsonSerializer.Serialize(_text, JsonSerializerOptionsForText);
        if (_list is { } list) return "[" + string.Join(',', list.Select(v => v.Json())) + "]";
        return _json!.Value.GetRawText();
    }

    /// <summary>chttpd_rewrite:format: <c>int</c> and <c>bool</c> turn matching text into JSON numbers and booleans.</summary>
    public BindValue Format(string format)
    {
        if (_text is null) return this;
        if (format == "int" && long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
            return Of(JsonSerializer.SerializeToElement(n));
        if (format == "bool" && _text.ToLowerInvariant() is "true" or "false")
            return Of(JsonSerializer.SerializeToElement(_text.Equals("true", StringComparison.OrdinalIgnoreCase)));
        return this;
    }

    private static readonly JsonSerializerOptions JsonSerializerOptionsForText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
