using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CouchJs.Compat.Tests.Matching;

/// <summary>
/// Compares an expected JSON template with an actual JSON value and lists every difference.
/// Objects must have the same members (with <c>partial</c>, the actual may have more, at any
/// depth); arrays match element by element in order unless their first element is
/// <c>"{{contains}}"</c> or <c>"{{unordered}}"</c>; strings may hold placeholders.
/// </summary>
public sealed partial class JsonMatcher(CaptureStore captures, bool partial)
{
    private const int ShownLength = 300;

    public IReadOnlyList<Mismatch> Match(JsonNode? expected, JsonNode? actual)
    {
        var sink = new List<Mismatch>();
        Match(expected, actual, "$", sink);
        return sink;
    }

    private void Match(JsonNode? expected, JsonNode? actual, string path, List<Mismatch> sink)
    {
        switch (expected)
        {
            case JsonValue v when v.TryGetValue(out string? text):
                MatchString(Template.Parse(text), text, actual, path, sink);
                break;
            case JsonObject o:
                MatchObject(o, actual, path, sink);
                break;
            case JsonArray a:
                MatchArray(a, actual, path, sink);
                break;
            default:
                if (!JsonEquality.Equal(expected, actual)) sink.Add(Differs(path, expected, actual));
                break;
        }
    }

    private void MatchString(Template template, string text, JsonNode? actual, string path, List<Mismatch> sink)
    {
        if (template.Single is { IsMatcher: true } p)
        {
            if (!p.Accepts(actual))
                sink.Add(new Mismatch(path, $"expected {p}, got {Show(actual)}"));
            else if (p.CaptureName is { } name && captures.TryGet(name, out Capture bound))
            {
                if (!SameAsBound(bound, actual))
                    sink.Add(new Mismatch(path, $"expected {p} = {Show(bound.Value)}, got {Show(actual)}"));
            }
            else if (p.CaptureName is { } newName)
                captures.Bind(newName, p.Kind, actual);
            return;
        }

        if (actual is not JsonValue v || !v.TryGetValue(out string? actualText) || !TextMatcher.Match(template, actualText, captures))
            sink.Add(new Mismatch(path, $"expected {Show(JsonValue.Create(text))}, got {Show(actual)}"));
    }

    private void MatchObject(JsonObject expected, JsonNode? actual, string path, List<Mismatch> sink)
    {
        if (actual is not JsonObject obj)
        {
            sink.Add(Differs(path, expected, actual));
            return;
        }
        var expectedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rawName, value) in expected)
        {
            string name = Substitution.Apply(rawName, captures);
            expectedNames.Add(name);
            if (obj.TryGetPropertyValue(name, out JsonNode? actualValue))
                Match(value, actualValue, Member(path, name), sink);
            else
                sink.Add(new Mismatch(Member(path, name), $"missing member, expected {Show(value)}"));
        }
        if (partial) return;
        foreach (var (name, value) in obj)
        {
            if (!expectedNames.Contains(name))
                sink.Add(new Mismatch(Member(path, name), $"unexpected member {Show(value)}"));
        }
    }

    private static bool SameAsBound(Capture bound, JsonNode? actual) =>
        JsonEquality.Equal(bound.Value, actual)
        || (actual is JsonValue v && bound.Value is JsonValue && new Capture(bound.Kind, v).Text == bound.Text);

    private static Mismatch Differs(string path, JsonNode? expected, JsonNode? actual) =>
        new(path, $"expected {Show(expected)}, got {Show(actual)}");

    private static string Member(string path, string name) =>
        SimpleName().IsMatch(name) ? $"{path}.{name}" : $"{path}[{JsonValue.Create(name)!.ToJsonString()}]";

    /// <summary>Compact JSON, cut short so one long document does not drown the report.</summary>
    public static string Show(JsonNode? node)
    {
        string json = node?.ToJsonString() ?? "null";
        return json.Length <= ShownLength ? json : json[..ShownLength] + "…";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SimpleName();
}
