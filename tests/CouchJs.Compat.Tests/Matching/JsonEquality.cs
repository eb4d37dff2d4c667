using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CouchJs.Compat.Tests.Matching;

/// <summary>
/// Deep JSON equality where numbers compare by value (<c>1.0</c> equals <c>1</c>), because JSON
/// encoders differ in how they print the same number. Object member order does not matter.
/// </summary>
public static class JsonEquality
{
    public static bool Equal(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonObject x, JsonObject y) => x.Count == y.Count
            && x.All(p => y.TryGetPropertyValue(p.Key, out JsonNode? other) && Equal(p.Value, other)),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(pair => Equal(pair.First, pair.Second)),
        (JsonValue x, JsonValue y) => ValuesEqual(x, y),
        _ => false,
    };

    private static bool ValuesEqual(JsonValue x, JsonValue y)
    {
        JsonValueKind kind = x.GetValueKind();
        if (kind != y.GetValueKind()) return false;
        return kind switch
        {
            JsonValueKind.Number => NumbersEqual(x.ToJsonString(), y.ToJsonString()),
            JsonValueKind.String => x.GetValue<string>() == y.GetValue<string>(),
            _ => true,
        };
    }

    private static bool NumbersEqual(string a, string b)
    {
        const NumberStyles Style = NumberStyles.Float;
        if (decimal.TryParse(a, Style, CultureInfo.InvariantCulture, out decimal da)
            && decimal.TryParse(b, Style, CultureInfo.InvariantCulture, out decimal db))
            return da == db;
        return double.Parse(a, Style, CultureInfo.InvariantCulture) == double.Parse(b, Style, CultureInfo.InvariantCulture);
    }
}
