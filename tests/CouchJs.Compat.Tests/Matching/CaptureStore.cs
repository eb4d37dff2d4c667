using System.Text.Json.Nodes;

namespace CouchJs.Compat.Tests.Matching;

/// <summary>
/// The values one fixture file has bound so far: <c>{{rev:first}}</c> binds on its first match and
/// must equal that value everywhere after, in expectations and in later requests. Also holds the
/// literals <c>{{db}}</c> and <c>{{base}}</c>.
/// </summary>
public sealed class CaptureStore(string db, string baseUrl)
{
    private Dictionary<string, Capture> _bound = new(StringComparer.Ordinal);

    public string Db { get; } = db;

    public string BaseUrl { get; } = baseUrl;

    public bool TryGet(string name, out Capture capture) => _bound.TryGetValue(name, out capture!);

    public void Bind(string name, PlaceholderKind kind, JsonNode? value) =>
        _bound[name] = new Capture(kind, value?.DeepClone());

    /// <summary>The literal a builtin placeholder stands for.</summary>
    public string Literal(PlaceholderKind kind) => kind switch
    {
        PlaceholderKind.Db => Db,
        PlaceholderKind.Base => BaseUrl,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a literal placeholder"),
    };

    /// <summary>A copy of the bindings, to undo the ones a failed trial match made.</summary>
    public IReadOnlyDictionary<string, Capture> Save() => new Dictionary<string, Capture>(_bound, StringComparer.Ordinal);

    public void Restore(IReadOnlyDictionary<string, Capture> saved) =>
        _bound = new Dictionary<string, Capture>(saved, StringComparer.Ordinal);
}

/// <summary>A bound value and the kind it was bound as.</summary>
public sealed record Capture(PlaceholderKind Kind, JsonNode? Value)
{
    /// <summary>The value as text: a string as itself, anything else as JSON.</summary>
    public string Text => Value is JsonValue v && v.TryGetValue(out string? s) ? s : Value?.ToJsonString() ?? "null";
}
