using System.Text.Json.Nodes;
using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Fixtures;

/// <summary>
/// Checks every placeholder of a parsed fixture: known kinds in allowed places, a capture keeps
/// one kind, and a request only uses captures an earlier exchange's expectation bound.
/// </summary>
public sealed class FixtureValidator
{
    private readonly Dictionary<string, PlaceholderKind> _declared = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    public static IReadOnlyList<string> Validate(Fixture fixture)
    {
        var validator = new FixtureValidator();
        foreach (Exchange exchange in fixture.Exchanges)
            validator.Check(exchange);
        return validator._problems;
    }

    private void Check(Exchange exchange)
    {
        string where = $"exchange {exchange.Number}";
        FixtureRequest request = exchange.Request;
        RequestText(request.Path, where + " path");
        foreach (var (name, value) in request.Headers)
            RequestText(value, $"{where} request header {name}");
        if (request.HasBody) RequestJson(request.Body, where + " request body");
        if (request.BodyText is { } sent) RequestText(sent, where + " request bodyText");

        FixtureResponse response = exchange.Response;
        foreach (var (name, value) in response.Headers)
        {
            if (value is not null) Expected(value, $"{where} response header {name}", inText: true);
        }
        if (response.HasBody) ExpectedJson(response.Body, where + " response body");
        if (response.BodyText is { } text) Expected(text, where + " response bodyText", inText: true);
    }

    private void RequestText(string text, string where)
    {
        foreach (Placeholder p in Parse(text, where)?.Placeholders ?? [])
        {
            if (p.Kind is PlaceholderKind.Contains or PlaceholderKind.Unordered || (p.IsMatcher && p.CaptureName is null))
                _problems.Add($"{where}: {p} matches values and cannot be sent; use {{{{db}}}}, {{{{base}}}} or a bound capture");
            else if (p.CaptureName is not { } name)
                continue;
            else if (!_declared.TryGetValue(name, out PlaceholderKind kind))
                _problems.Add($"{where}: {p} is not bound by an earlier exchange");
            else if (kind != p.Kind)
                _problems.Add($"{where}: {p} was bound as {{{{{Placeholder.Name(kind)}:{name}}}}}");
        }
    }

    private void RequestJson(JsonNode? node, string where)
    {
        foreach (string text in Strings(node))
            RequestText(text, where);
    }

    private void ExpectedJson(JsonNode? node, string where)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue(out string? text):
                Expected(text, where, inText: false);
                break;
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if ((Parse(name, where)?.Placeholders ?? []).Any(p => p.IsMatcher))
                        _problems.Add($"{where}: member name \"{name}\" may only use {{{{db}}}} or {{{{base}}}}");
                    ExpectedJson(value, $"{where}.{name}");
                }
                break;
            case JsonArray a:
                bool marked = Parse(a.FirstOrDefault() is JsonValue f && f.TryGetValue(out string? first) ? first : "", where)
                    ?.Single?.Kind is PlaceholderKind.Contains or PlaceholderKind.Unordered;
                for (int i = marked ? 1 : 0; i < a.Count; i++)
                    ExpectedJson(a[i], $"{where}[{i}]");
                break;
        }
    }

    private void Expected(string text, string where, bool inText)
    {
        Template? template = Parse(text, where);
        if (template is null) return;
        foreach (Placeholder p in template.Placeholders)
        {
            if (p.Kind is PlaceholderKind.Contains or PlaceholderKind.Unordered)
                _problems.Add($"{where}: {p} may only be the first element of an array");
            else if (p.IsMatcher && p.TextPattern is null && (inText || template.Single is null))
                _problems.Add($"{where}: {p} matches a whole JSON value, not text");
            if (p.CaptureName is not { } name) continue;
            if (_declared.TryGetValue(name, out PlaceholderKind kind) && kind != p.Kind)
                _problems.Add($"{where}: {p} was bound as {{{{{Placeholder.Name(kind)}:{name}}}}}");
            else _declared[name] = p.Kind;
        }
    }

    private Template? Parse(string text, string where)
    {
        try
        {
            return Template.Parse(text);
        }
        catch (FormatException e)
        {
            _problems.Add($"{where}: {e.Message}");
            return null;
        }
    }

    /// <summary>Every string in a request body, member names included: both are sent.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out string? text) => [text],
        JsonObject o => o.SelectMany(p => Strings(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Strings),
        _ => [],
    };
}
