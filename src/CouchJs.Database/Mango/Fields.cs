using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CouchJs.Database.Mango;

/// <summary>
/// A <c>fields</c> list (mango_fields): a document cut down to the named (dotted) fields, each kept at
/// its path; missing fields are left out. An empty list keeps the whole document.
/// </summary>
public sealed class Fields
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string[][] _paths;

    private Fields(string[][] paths) => _paths = paths;

    /// <summary>The list's fields; anything but an array of strings is Mango's error (400).</summary>
    public static Fields Parse(JsonElement fields)
    {
        if (fields.ValueKind != JsonValueKind.Array)
            throw new CouchException(400, "invalid_fields", $"Fields must be an array of strings, not: {ErlangTerm.Format(fields)}");
        var paths = new List<string[]>();
        foreach (var field in fields.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.String)
                throw new CouchException(400, "invalid_field", $"Invalid JSON for field spec: {ErlangTerm.Format(field)}");
            paths.Add(FieldPath.Parse(field.GetString()!));
        }
        return new Fields([.. paths]);
    }

    public bool All => _paths.Length == 0;

    /// <summary>The projected document as compact JSON.</summary>
    public byte[] Extract(JsonElement doc)
    {
        if (All) return JsonSerializer.SerializeToUtf8Bytes(doc, Output);
        var result = new JsonObject();
        foreach (var path in _paths)
            if (FieldPath.TryGet(doc, path, out var value) == FieldPath.Lookup.Found) Set(result, path, JsonSerializer.SerializeToNode(value));
        return JsonSerializer.SerializeToUtf8Bytes(result, Output);
    }

    // mango_doc:set_field: replace or append a member, create missing objects on the way, and leave
    // values that are neither objects nor arrays as they are.
    private static void Set(JsonNode target, ReadOnlySpan<string> path, JsonNode? value)
    {
        string name = path[0];
        if (target is JsonObject obj)
        {
            if (path.Length == 1) obj[name] = value;
            else if (obj[name] is { } existing) Set(existing, path[1..], value);
            else obj[name] = Nested(path[1..], value);
        }
        else if (target is JsonArray array && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < array.Count)
        {
            if (path.Length == 1) array[index] = value;
            else if (array[index] is { } item) Set(item, path[1..], value);
        }
    }

    private static JsonNode? Nested(ReadOnlySpan<string> path, JsonNode? value) =>
        path.Length == 0 ? value : new JsonObject { [path[0]] = Nested(path[1..], value) };
}
