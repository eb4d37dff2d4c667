using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CouchJs.Compat.Tests.Matching;

/// <summary>
/// One placeholder: its kind, the capture name when it has one (<c>{{rev:first}}</c>), and for
/// <see cref="PlaceholderKind.Regex"/> its pattern. Knows which JSON values and which text it accepts.
/// </summary>
public sealed record Placeholder(PlaceholderKind Kind, string? CaptureName = null, string? Pattern = null)
{
    private const string SeqText = @"\d+(?:-[A-Za-z0-9_\-]+)?";
    private const string TimestampText =
        @"\d+|\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?|[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT";

    /// <summary>Kinds that stand for a value to match (not literals, not array markers).</summary>
    public bool IsMatcher => Kind is not (PlaceholderKind.Db or PlaceholderKind.Base
        or PlaceholderKind.Contains or PlaceholderKind.Unordered);

    /// <summary>Kinds whose value can bind a name.</summary>
    public static bool CanCapture(PlaceholderKind kind) => kind is not (PlaceholderKind.Db or PlaceholderKind.Base
        or PlaceholderKind.Regex or PlaceholderKind.Contains or PlaceholderKind.Unordered);

    /// <summary>The regex the kind matches inside a longer string (header values, text), or null when it has none.</summary>
    public string? TextPattern => Kind switch
    {
        PlaceholderKind.Rev => @"\d+-[0-9a-f]{32}",
        PlaceholderKind.Uuid => "[0-9a-f]{32}",
        PlaceholderKind.Seq => SeqText,
        PlaceholderKind.Timestamp => "(?:" + TimestampText + ")",
        PlaceholderKind.Number => @"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?",
        PlaceholderKind.Any or PlaceholderKind.String => @"[\s\S]*?",
        PlaceholderKind.Digest => "md5-[A-Za-z0-9+/]{22}==",
        PlaceholderKind.Regex => "(?:" + Pattern + ")",
        _ => null,
    };

    /// <summary>Whether a JSON value (as found in a response body) is of this kind.</summary>
    public bool Accepts(JsonNode? actual)
    {
        string? text = actual is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        bool isNumber = actual is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number;
        return Kind switch
        {
            PlaceholderKind.Any => true,
            PlaceholderKind.Number => isNumber,
            PlaceholderKind.String => text is not null,
            PlaceholderKind.Array => actual is JsonArray,
            PlaceholderKind.Seq => (isNumber && IsInteger(actual!)) || FullMatch(text, SeqText),
            PlaceholderKind.Timestamp => isNumber || FullMatch(text, TimestampText),
            _ => FullMatch(text, TextPattern!),
        };
    }

    public override string ToString() => Kind switch
    {
        PlaceholderKind.Regex => "{{regex:" + Pattern + "}}",
        _ when CaptureName is not null => "{{" + Name(Kind) + ":" + CaptureName + "}}",
        _ => "{{" + Name(Kind) + "}}",
    };

    /// <summary>The kind as written in fixtures.</summary>
    public static string Name(PlaceholderKind kind) => kind.ToString().ToLowerInvariant();

    private static bool FullMatch(string? text, string pattern) =>
        text is not null && Regex.IsMatch(text, "^(?:" + pattern + ")$");

    private static bool IsInteger(JsonNode node) => node.AsValue().TryGetValue(out long _);
}
