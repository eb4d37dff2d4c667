using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CouchJs.QueryServers.Tests.Support;

/// <summary>
/// How a conformance answer is compared, as the Node suite does (queryservers/node/testing):
/// structurally, object members in any order, numbers by value, and <c>{"$match": regex}</c> matching
/// a string.
/// </summary>
public static class ConformanceMatch
{
    /// <summary>Where <paramref name="actual"/> differs from <paramref name="expected"/>, or null.</summary>
    public static string? Difference(JsonNode? expected, JsonNode? actual, string where = "$")
    {
        if (IsMatcher(expected, out string? pattern))
        {
            return actual is JsonValue v && v.TryGetValue(out string? text) && Regex.IsMatch(text, pattern, RegexOptions.ECMAScript)
                ? null : $"{where}: {Show(actual)} does not match /{pattern}/";
        }
        switch (expected)
        {
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || actualArray.Count != expectedArray.Count) return Mismatch(where, expected, actual);
                for (int i = 0; i < expectedArray.Count; i++)
                    if (Difference(expectedArray[i], actualArray[i], $"{where}[{i}]") is { } found) return found;
                return null;
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject) return Mismatch(where, expected, actual);
                var expectedKeys = expectedObject.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                var actualKeys = actualObject.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                if (!expectedKeys.SequenceEqual(actualKeys)) return $"{where}: keys [{string.Join(",", actualKeys)}], expected [{string.Join(",", expectedKeys)}]";
                foreach (string key in expectedKeys)
                    if (Difference(expectedObject[key], actualObject[key], $"{where}.{key}") is { } found) return found;
                return null;
            default:
                return ScalarEquals(expected, actual) ? null : Mismatch(where, expected, actual);
        }
    }

    private static bool IsMatcher(JsonNode? node, out string pattern)
    {
        pattern = "";
        return node is JsonObject { Count: 1 } o && o["$match"] is JsonValue v && v.TryGetValue(out pattern!);
    }

    // JavaScript's === on parsed JSON: numbers by value, strings exactly.
    private static bool ScalarEquals(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null) return expected is null && actual is null;
        if (expected is not JsonValue e || actual is not JsonValue a) return false;
        var kind = e.GetValueKind();
        if (kind != a.GetValueKind()) return false;
        return kind switch
        {
            JsonValueKind.Number => e.GetValue<double>() == a.GetValue<double>(),
            JsonValueKind.String => e.GetValue<string>() == a.GetValue<string>(),
            _ => true,
        };
    }

    private static string Mismatch(string where, JsonNode? expected, JsonNode? actual) => $"{where}: expected {Show(expected)}, got {Show(actual)}";

    private static string Show(JsonNode? node) => Json.Canonical(node);
}
