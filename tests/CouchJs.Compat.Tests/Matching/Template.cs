using System.Text.RegularExpressions;

namespace CouchJs.Compat.Tests.Matching;

/// <summary>
/// A fixture string split into literal text and placeholders. A string that is exactly one
/// placeholder matches a whole JSON value by kind; placeholders inside longer text match text.
/// <c>{{regex:PATTERN}}</c> must be the whole string, because a pattern may itself hold braces.
/// </summary>
public sealed partial class Template
{
    private const string RegexPrefix = "{{regex:";

    private Template(IReadOnlyList<TemplateSegment> segments) => Segments = segments;

    public IReadOnlyList<TemplateSegment> Segments { get; }

    /// <summary>The placeholder when the whole string is exactly one, otherwise null.</summary>
    public Placeholder? Single => Segments is [{ Placeholder: { } p }] ? p : null;

    public IEnumerable<Placeholder> Placeholders =>
        Segments.Where(s => s.Placeholder is not null).Select(s => s.Placeholder!);

    /// <summary>Parses a fixture string; throws <see cref="FormatException"/> on an unknown or misplaced placeholder.</summary>
    public static Template Parse(string text)
    {
        if (text.StartsWith(RegexPrefix, StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal))
        {
            string pattern = text[RegexPrefix.Length..^2];
            try
            {
                _ = new Regex(pattern);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"bad pattern in \"{text}\": {e.Message}");
            }
            return new Template([new TemplateSegment(null, new Placeholder(PlaceholderKind.Regex, Pattern: pattern))]);
        }

        var segments = new List<TemplateSegment>();
        int at = 0;
        foreach (Match m in Token().Matches(text))
        {
            AddLiteral(segments, text[at..m.Index], text);
            segments.Add(new TemplateSegment(null, ParseToken(m, text)));
            at = m.Index + m.Length;
        }
        AddLiteral(segments, text[at..], text);
        return new Template(segments);
    }

    private static Placeholder ParseToken(Match m, string text)
    {
        string kindName = m.Groups["kind"].Value;
        if (!Enum.TryParse(kindName, ignoreCase: true, out PlaceholderKind kind) || Placeholder.Name(kind) != kindName)
            throw new FormatException($"unknown placeholder {{{{{kindName}}}}} in \"{text}\"");
        if (kind == PlaceholderKind.Regex)
            throw new FormatException($"{{{{regex:...}}}} must be the whole string, in \"{text}\"");
        string? name = m.Groups["name"].Success ? m.Groups["name"].Value : null;
        if (name is not null && !Placeholder.CanCapture(kind))
            throw new FormatException($"{{{{{kindName}}}}} cannot capture a name, in \"{text}\"");
        return new Placeholder(kind, name);
    }

    private static void AddLiteral(List<TemplateSegment> segments, string literal, string text)
    {
        if (literal.Length == 0) return;
        if (literal.Contains("{{", StringComparison.Ordinal))
            throw new FormatException($"malformed placeholder in \"{text}\"");
        segments.Add(new TemplateSegment(literal, null));
    }

    [GeneratedRegex(@"\{\{(?<kind>[a-z]+)(?::(?<name>[A-Za-z_][A-Za-z0-9_]*))?\}\}")]
    private static partial Regex Token();
}

/// <summary>Either literal text or a placeholder.</summary>
public readonly record struct TemplateSegment(string? Literal, Placeholder? Placeholder);
