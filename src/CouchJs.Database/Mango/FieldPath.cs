using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CouchJs.Database.Mango;

/// <summary>
/// Dotted field names as Mango reads them (mango_util:parse_field, mango_doc:get_field): <c>a.b.0</c>
/// walks object members and array indexes; <c>\.</c> is a literal dot.
/// </summary>
public static class FieldPath
{
    public enum Lookup { Found, NotFound, BadPath }

    /// <summary>The path's parts; an empty part is Mango's <c>invalid_field_name</c> error.</summary>
    public static string[] Parse(string field)
    {
        if (!field.Contains('\\'))
        {
            var parts = field.Split('.');
            foreach (string part in parts)
                if (part.Length == 0) throw InvalidName(field);
            return parts;
        }
        var result = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < field.Length; i++)
        {
            char c = field[i];
            if (c == '.' && (i == 0 || field[i - 1] != '\\'))
            {
                result.Add(Part(field, current));
                continue;
            }
            if (c != '\\') current.Append(c);
        }
        result.Add(Part(field, current));
        return [.. result];
    }

    /// <summary>The value at <paramref name="path"/>: a member of an object, or an index into an array.</summary>
    public static Lookup TryGet(JsonElement value, ReadOnlySpan<string> path, out JsonElement found)
    {
        found = value;
        foreach (string name in path)
        {
            switch (found.ValueKind)
            {
                case JsonValueKind.Object:
                    if (!TryGetFirst(found, name, out found)) return Lookup.NotFound;
                    break;
                case JsonValueKind.Array:
                    if (!int.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index)
                        || index < 0 || index >= found.GetArrayLength())
                        return Lookup.BadPath;
                    found = found[index];
                    break;
                default:
                    return Lookup.BadPath;
            }
        }
        return Lookup.Found;
    }

    // Erlang's lists:keyfind takes the first member of a name; JsonElement.TryGetProperty takes the last.
    private static bool TryGetFirst(JsonElement obj, string name, out JsonElement value)
    {
        foreach (var member in obj.EnumerateObject())
        {
            if (!member.NameEquals(name)) continue;
            value = member.Value;
            return true;
        }
        value = default;
        return false;
    }

    private static string Part(string field, StringBuilder current)
    {
        if (current.Length == 0) throw InvalidName(field);
        string part = current.ToString();
        current.Clear();
        return part;
    }

    private static CouchException InvalidName(string field) =>
        new(500, "unknown_error", $"Unknown Error: mango_util :: {{invalid_field_name,{ErlangTerm.Binary(field)}}}");
}
