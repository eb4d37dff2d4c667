using System.Text.Json;
using CouchJs.Database;

namespace CouchJs.DesignFunctions.Rewrites;

/// <summary>A segment of a rule's <c>from</c> or <c>to</c>: literal text, a <c>:name</c> variable, or <c>*</c>.</summary>
internal readonly record struct RuleSegment(string Text, bool IsVariable, bool IsRest)
{
    public static readonly RuleSegment Rest = new("*", false, true);
}

/// <summary>
/// One object of a <c>rewrites</c> array (chttpd_rewrite:make_rule): <c>method</c> (any when absent),
/// <c>from</c> (everything when absent), <c>to</c> (required), <c>query</c>, <c>formats</c>. A path
/// may climb out of the design document with at most two <c>..</c>; a third is refused
/// (insecure_rewrite_rule) unless <c>[chttpd] secure_rewrites = false</c>.
/// </summary>
internal sealed class RewriteRule
{
    private RewriteRule(string? method, RuleSegment[] from, RuleSegment[] to, JsonProperty[] query, Dictionary<string, string> formats)
    {
        Method = method;
        From = from;
        To = to;
        Query = query;
        Formats = formats;
    }

    /// <summary>Null: any method.</summary>
    public string? Method { get; }

    public RuleSegment[] From { get; }

    public RuleSegment[] To { get; }

    /// <summary>The rule's <c>query</c> members, in order.</summary>
    public JsonProperty[] Query { get; }

    /// <summary><c>formats</c>: variable name to <c>int</c> or <c>bool</c>.</summary>
    public Dictionary<string, string> Formats { get; }

    public static RewriteRule Parse(JsonElement rule, bool secure)
    {
        string? method = rule.TryGetProperty("method", out var m) ? Text(m) : null;
        var from = rule.TryGetProperty("from", out var f) ? Segments(Text(f), secure) : [RuleSegment.Rest];
        // chttpd_rewrite throws {error, invalid_rewrite_target}, which chttpd reports as a 500.
        var to = rule.TryGetProperty("to", out var t) ? Segments(Text(t), secure) : throw new CouchException(500, "error", "invalid_rewrite_target");
        JsonProperty[] query = rule.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.Object ? [.. q.EnumerateObject()] : [];
        var formats = new Dictionary<string, string>(StringComparer.Ordinal);
        if (rule.TryGetProperty("formats", out var fmts) && fmts.ValueKind == JsonValueKind.Object)
        {
            foreach (var format in fmts.EnumerateObject())
                if (format.Value.ValueKind == JsonValueKind.String) formats.TryAdd(format.Name, format.Value.GetString()!);
        }
        return new RewriteRule(method, from, to, query, formats);
    }

    // A member that is no string is matched as its JSON text (CouchDB would crash on it).
    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    // chttpd_rewrite:parse_path / path_to_list: split on '/', empty parts dropped.
    private static RuleSegment[] Segments(string path, bool secure)
    {
        var segments = new List<RuleSegment>();
        int climbs = 0;
        foreach (string part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "*") segments.Add(RuleSegment.Rest);
            else if (part == "..")
            {
                if (climbs == 2 && secure) throw new CouchException(500, "insecure_rewrite_rule", "too many ../.. segments");
                climbs++;
                segments.Add(new RuleSegment(part, false, false));
            }
            else if (part.StartsWith(':')) segments.Add(new RuleSegment(part[1..], true, false));
            else segments.Add(new RuleSegment(part, false, false));
        }
        return [.. segments];
    }
}
