using System.Text.Json.Nodes;

namespace CouchJs.Compat.Tests.Matching;

/// <summary>Array matching: in order and same length by default, or by the first element's marker.</summary>
public sealed partial class JsonMatcher
{
    private void MatchArray(JsonArray expected, JsonNode? actual, string path, List<Mismatch> sink)
    {
        if (actual is not JsonArray items)
        {
            sink.Add(Differs(path, expected, actual));
            return;
        }
        switch (Marker(expected))
        {
            case PlaceholderKind.Contains:
                MatchContains(expected.Skip(1).ToList(), items, path, sink);
                return;
            case PlaceholderKind.Unordered:
                MatchUnordered(expected.Skip(1).ToList(), items, path, sink);
                return;
        }
        if (expected.Count != items.Count)
            sink.Add(new Mismatch(path, $"expected {expected.Count} elements, got {items.Count}: {Show(items)}"));
        for (int i = 0; i < Math.Min(expected.Count, items.Count); i++)
            Match(expected[i], items[i], $"{path}[{i}]", sink);
    }

    /// <summary>The array's marker placeholder (<c>{{contains}}</c> / <c>{{unordered}}</c>), if its first element is one.</summary>
    public static PlaceholderKind? Marker(JsonArray array)
    {
        if (array.Count == 0 || array[0] is not JsonValue v || !v.TryGetValue(out string? text)) return null;
        PlaceholderKind? kind = Template.Parse(text).Single?.Kind;
        return kind is PlaceholderKind.Contains or PlaceholderKind.Unordered ? kind : null;
    }

    private void MatchContains(List<JsonNode?> expected, JsonArray items, string path, List<Mismatch> sink)
    {
        int next = 0;
        foreach (JsonNode? want in expected)
        {
            int found = -1;
            for (int j = next; j < items.Count && found < 0; j++)
            {
                if (Trial(want, items[j], $"{path}[{j}]")) found = j;
            }
            if (found < 0)
            {
                sink.Add(new Mismatch(path, $"no element matches {Show(want)} (after index {next - 1}) in {Show(items)}"));
                return;
            }
            next = found + 1;
        }
    }

    private void MatchUnordered(List<JsonNode?> expected, JsonArray items, string path, List<Mismatch> sink)
    {
        if (expected.Count != items.Count)
        {
            sink.Add(new Mismatch(path, $"expected {expected.Count} elements in any order, got {items.Count}: {Show(items)}"));
            return;
        }
        if (!Assign(expected, 0, items, new bool[items.Count], path))
            sink.Add(new Mismatch(path, $"elements do not match {Show(new JsonArray([.. expected.Select(e => e?.DeepClone())]))} in any order: {Show(items)}"));
    }

    /// <summary>Backtracking search for a one-to-one pairing; arrays in fixtures are short.</summary>
    private bool Assign(List<JsonNode?> expected, int k, JsonArray items, bool[] used, string path)
    {
        if (k == expected.Count) return true;
        for (int j = 0; j < items.Count; j++)
        {
            if (used[j]) continue;
            var saved = captures.Save();
            if (Trial(expected[k], items[j], $"{path}[{j}]"))
            {
                used[j] = true;
                if (Assign(expected, k + 1, items, used, path)) return true;
                used[j] = false;
            }
            captures.Restore(saved);
        }
        return false;
    }

    /// <summary>Matches quietly; bindings made by a failed attempt are undone.</summary>
    private bool Trial(JsonNode? expected, JsonNode? actual, string path)
    {
        var saved = captures.Save();
        var scratch = new List<Mismatch>();
        Match(expected, actual, path, scratch);
        if (scratch.Count == 0) return true;
        captures.Restore(saved);
        return false;
    }
}
