using System.Text;
using System.Text.Json.Nodes;

namespace CouchJs.Compat.Tests.Matching;

/// <summary>
/// Fills a request template: <c>{{db}}</c>, <c>{{base}}</c> and bound captures. A string that is
/// exactly one capture keeps the captured JSON type (a number stays a number); inside longer text a
/// capture becomes its text.
/// </summary>
public static class Substitution
{
    public static string Apply(string text, CaptureStore captures)
    {
        var result = new StringBuilder();
        foreach (TemplateSegment segment in Template.Parse(text).Segments)
        {
            if (segment.Literal is { } literal) result.Append(literal);
            else result.Append(Resolve(segment.Placeholder!, captures).Text);
        }
        return result.ToString();
    }

    public static JsonNode? Apply(JsonNode? node, CaptureStore captures) => node switch
    {
        JsonValue v when v.TryGetValue(out string? text) => ApplyString(text, captures),
        JsonObject o => new JsonObject(o.Select(p =>
            KeyValuePair.Create(Apply(p.Key, captures), Apply(p.Value, captures)))),
        JsonArray a => new JsonArray([.. a.Select(e => Apply(e, captures))]),
        _ => node?.DeepClone(),
    };

    private static JsonNode? ApplyString(string text, CaptureStore captures)
    {
        if (Template.Parse(text).Single is { IsMatcher: true } p) return Resolve(p, captures).Value?.DeepClone();
        return JsonValue.Create(Apply(text, captures));
    }

    private static Capture Resolve(Placeholder p, CaptureStore captures)
    {
        if (!p.IsMatcher) return new Capture(p.Kind, JsonValue.Create(captures.Literal(p.Kind)));
        if (p.CaptureName is null)
            throw new InvalidOperationException($"{p} matches values; a request can only use a bound capture like {{{{rev:name}}}}");
        if (!captures.TryGet(p.CaptureName, out Capture bound))
            throw new InvalidOperationException($"{p} is used before any expectation bound it");
        return bound;
    }
}
