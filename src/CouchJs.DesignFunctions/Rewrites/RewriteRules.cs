using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.DesignFunctions.Requests;

namespace CouchJs.DesignFunctions.Rewrites;

/// <summary>
/// A <c>rewrites</c> array applied to a request (chttpd_rewrite:do_rewrite with rules): the first rule
/// whose method and <c>from</c> match the path after <c>_rewrite/</c> wins (none: 404 not_found
/// missing). <c>:name</c> segments bind variables, a final <c>*</c> takes the rest of the path. The
/// target is <c>to</c> with variables filled in (unbound: <c>undefined</c>) and the rest of the path
/// in place of <c>*</c>; its query string carries every binding — path variables, the request's own
/// parameters, and the rule's <c>query</c> (whose <c>:name</c> values are filled in and override
/// the others) — with <c>key</c>, <c>startkey</c>, <c>start_key</c>, <c>endkey</c>,
/// <c>end_key</c>, <c>keys</c> as JSON. All below the design document, <c>..</c> resolved.
/// </summary>
public static class RewriteRules
{
    private static readonly HashSet<string> JsonKeys = new(StringComparer.Ordinal) { "key", "startkey", "start_key", "endkey", "end_key", "keys" };

    /// <param name="rules">The design document's <c>rewrites</c> array.</param>
    /// <param name="method">The request method (HEAD as GET).</param>
    /// <param name="path">The decoded segments after <c>_rewrite</c>.</param>
    /// <param name="rawQuery">The request's query string, without <c>?</c>.</param>
    /// <param name="prefix"><c>/db/_design/name</c>, URL-encoded as couch_util:url_encode does.</param>
    /// <param name="secure"><c>[chttpd] secure_rewrites</c>: at most two <c>..</c> per rule path.</param>
    /// <returns>The target: path and query string, percent-encoded.</returns>
    public static string Rewrite(JsonElement rules, string method, IReadOnlyList<string> path, string rawQuery, string prefix, bool secure)
    {
        var query = new List<Binding>();
        foreach (var (key, value) in FormDecoder.Parse(rawQuery))
            query.Add(new Binding(key, JsonKeys.Contains(key) ? BindValue.Decode(value) : BindValue.Of(value)));
        var parsed = new List<RewriteRule>();
        foreach (var rule in rules.EnumerateArray())
            if (rule.ValueKind == JsonValueKind.Object) parsed.Add(RewriteRule.Parse(rule, secure));
        foreach (var rule in parsed)
        {
            if (rule.Method is not null && rule.Method != method) continue;
            if (Bind(rule.From, path) is not { } match) continue;
            return Target(rule, match.Bindings, match.Remaining, query, prefix);
        }
        throw CouchException.NotFound();
    }

    // chttpd_rewrite:bind_path: bindings newest first, as CouchDB accumulates them.
    private static (List<Binding> Bindings, IReadOnlyList<string> Remaining)? Bind(RuleSegment[] from, IReadOnlyList<string> path)
    {
        var bindings = new List<Binding>();
        for (int i = 0; ; i++)
        {
            if (i == from.Length) return i == path.Count ? (bindings, []) : null;
            if (from[i].IsRest && i == from.Length - 1) return (bindings, path.Skip(i).ToList());
            if (i == path.Count) return null;
            // A '*' before the end is CouchDB's {bind, <<"*">>} like any variable: it takes one segment.
            if (from[i].IsVariable || from[i].IsRest) bindings.Insert(0, new Binding(from[i].Text, BindValue.Of(path[i])));
            else if (from[i].Text != path[i]) return null;
        }
    }

    private static string Target(RewriteRule rule, List<Binding> pathBindings, IReadOnlyList<string> rest, List<Binding> query, string prefix)
    {
        var bindings = new List<Binding>(pathBindings);
        bindings.AddRange(query);
        var ruleQuery = RuleQuery(rule, bindings);
        // The rule's query replaces bindings of the same name; what remains comes first.
        var final = bindings.Where(b => !ruleQuery.Any(q => q.Name == b.Name)).ToList();
        final.AddRange(ruleQuery);

        var segments = new List<string>();
        foreach (var segment in rule.To)
        {
            if (segment.IsRest)
            {
                segments.AddRange(rest);
                break;
            }
            segments.Add(segment.IsVariable ? Find(final, segment.Text)?.Text() ?? "undefined" : segment.Text);
        }
        var target = new StringBuilder(string.Join('/', segments.Select(UrlQuoting.QuoteSegment)));
        // chttpd_rewrite:maybe_encode_bindings folds into a list front first: the order comes out reversed.
        var parameters = final.Where(b => b.Name != "*").Reverse().ToList();
        if (parameters.Count > 0)
        {
            target.Append('?').AppendJoin('&', parameters.Select(b =>
                UrlQuoting.QuotePlus(b.Name) + "=" + UrlQuoting.QuotePlus(JsonKeys.Contains(b.Name) ? b.Value.Json() : b.Value.Text())));
        }
        return RewritePath.Below(prefix, target.ToString());
    }

    // chttpd_rewrite:make_query_list: built front first, so the rule's members come out reversed.
    private static List<Binding> RuleQuery(RewriteRule rule, List<Binding> bindings)
    {
        var result = new List<Binding>();
        foreach (var member in rule.Query)
        {
            var value = member.Value;
            var bound = value.ValueKind switch
            {
                JsonValueKind.String => Replace(value.GetString()!, bindings, rule.Formats),
                JsonValueKind.Array => BindValue.List([.. value.EnumerateArray().Select(e =>
                    e.ValueKind == JsonValueKind.String && e.GetString()!.StartsWith(':') ? Replace(e.GetString()!, bindings, rule.Formats) : BindValue.Of(e))]),
                _ => BindValue.Of(value),
            };
            result.Insert(0, new Binding(member.Name, bound));
        }
        return result;
    }

    // replace_var: "*" and ":name" take the binding's value (or stay as written); other strings are literal.
    private static BindValue Replace(string value, List<Binding> bindings, Dictionary<string, string> formats)
    {
        if (value == "*") return Var("*", value, bindings, formats);
        if (value.StartsWith(':')) return Var(value[1..], value, bindings, formats);
        return BindValue.Of(value);
    }

    private static BindValue Var(string name, string written, List<Binding> bindings, Dictionary<string, string> formats)
    {
        var value = Find(bindings, name) ?? BindValue.Of(written);
        return formats.TryGetValue(name, out string? format) ? value.Format(format) : value;
    }

    private static BindValue? Find(List<Binding> bindings, string name)
    {
        foreach (var binding in bindings)
            if (binding.Name == name) return binding.Value;
        return null;
    }

    private readonly record struct Binding(string Name, BindValue Value);
}
