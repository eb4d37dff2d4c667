using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CouchJs.Compat.Tests.Matching;

/// <summary>
/// Matches a template against plain text (header values, text bodies, strings with embedded
/// placeholders): literals exactly, placeholders by their text pattern, bound captures by their
/// text. New captures bind only when the whole text matches.
/// </summary>
public static class TextMatcher
{
    public static bool Match(Template template, string actual, CaptureStore captures)
    {
        var pattern = new StringBuilder("^");
        var groups = new Dictionary<string, (string Group, PlaceholderKind Kind)>(StringComparer.Ordinal);
        foreach (TemplateSegment segment in template.Segments)
        {
            if (segment.Literal is { } literal)
            {
                pattern.Append(Regex.Escape(literal));
                continue;
            }
            Placeholder p = segment.Placeholder!;
            if (!p.IsMatcher)
                pattern.Append(Regex.Escape(captures.Literal(p.Kind)));
            else if (p.CaptureName is null)
                pattern.Append("(?:").Append(p.TextPattern).Append(')');
            else if (captures.TryGet(p.CaptureName, out Capture bound))
                pattern.Append(Regex.Escape(bound.Text));
            else if (groups.TryGetValue(p.CaptureName, out var seen))
                pattern.Append(@"\k<").Append(seen.Group).Append('>');
            else
            {
                // Group names are generated: capture names are user text, group names have rules.
                string group = "g" + groups.Count;
                groups[p.CaptureName] = (group, p.Kind);
                pattern.Append("(?<").Append(group).Append('>').Append(p.TextPattern).Append(')');
            }
        }
        pattern.Append('$');

        Match m = Regex.Match(actual, pattern.ToString());
        if (!m.Success) return false;
        foreach (var (name, (group, kind)) in groups)
            captures.Bind(name, kind, JsonValue.Create(m.Groups[group].Value));
        return true;
    }
}
