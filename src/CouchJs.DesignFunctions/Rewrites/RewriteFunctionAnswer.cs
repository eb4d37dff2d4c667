using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Mango;
using CouchJs.DesignFunctions.Requests;

namespace CouchJs.DesignFunctions.Rewrites;

/// <summary>
/// What a <c>rewrites</c> function answered (couch_query_servers:rewrite, then
/// chttpd_rewrite:do_rewrite): <c>["no_dispatch_rule"]</c> is no rewrite (null);
/// <c>{"forbidden"|"unauthorized": msg}</c> is 403/401; <c>["ok", {…}]</c> is checked member by
/// member (<c>method</c>, <c>path</c>, <c>body</c> strings, <c>headers</c> and <c>query</c> objects of
/// strings, <c>code</c> an integer from 200 to 599; others ignored), else 500 rewrite_error. With a
/// <c>code</c> it is an immediate response; otherwise <c>path</c> (required) is taken below the design
/// document with <c>query</c> (or the request's parameters) as its query string.
/// </summary>
public static class RewriteFunctionAnswer
{
    public static RewriteOutcome? Read(ReadOnlySpan<byte> answer, string prefix, string rawQuery)
    {
        using var doc = JsonDocument.Parse(answer.ToArray());
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Object) throw Refusal(root);
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() >= 1 && root[0].ValueKind == JsonValueKind.String)
        {
            string kind = root[0].GetString()!;
            if (kind == "no_dispatch_rule" && root.GetArrayLength() == 1) return null;
            if (kind == "ok" && root.GetArrayLength() == 2)
                return root[1].ValueKind == JsonValueKind.Object ? Outcome(root[1], prefix, rawQuery) : throw Error("bad rewrite");
        }
        throw new CouchException(500, "unknown_error", ErlangTerm.Format(root));
    }

    private static CouchException Refusal(JsonElement verdict)
    {
        var members = verdict.EnumerateObject().ToList();
        if (members.Count == 1 && members[0].Name is "forbidden" or "unauthorized")
        {
            var message = members[0].Value;
            string reason = message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText();
            return members[0].Name == "forbidden" ? new CouchException(403, "forbidden", reason) : new CouchException(401, "unauthorized", reason);
        }
        return new CouchException(500, "unknown_error", ErlangTerm.Format(verdict));
    }

    private static RewriteOutcome Outcome(JsonElement rewrite, string prefix, string rawQuery)
    {
        foreach (var member in rewrite.EnumerateObject()) Check(member);
        var headers = rewrite.TryGetProperty("headers", out var h) ? Pairs(h) : null;
        string? body = rewrite.TryGetProperty("body", out var b) ? b.GetString() : null;
        if (rewrite.TryGetProperty("code", out var code)) return new RewriteRespond(code.GetInt32(), headers ?? [], body);
        if (!rewrite.TryGetProperty("path", out var path)) throw Error("Rewrite result must produce a new path.");
        var query = rewrite.TryGetProperty("query", out var q) ? Pairs(q) : FormDecoder.Parse(rawQuery);
        string target = RewritePath.Below(prefix, path.GetString()!);
        if (query.Count > 0) target += "?" + string.Join('&', query.Select(p => UrlQuoting.QuotePlus(p.Key) + "=" + UrlQuoting.QuotePlus(p.Value)));
        string? method = rewrite.TryGetProperty("method", out var m) ? m.GetString() : null;
        return new RewriteTo(target, method, headers, body);
    }

    // couch_query_servers:validate_rewrite_response_field.
    private static void Check(JsonProperty member)
    {
        var value = member.Value;
        switch (member.Name)
        {
            case "method" when value.ValueKind != JsonValueKind.String: throw Error("bad method");
            case "path" when value.ValueKind != JsonValueKind.String: throw Error("bad path");
            case "body" when value.ValueKind != JsonValueKind.String: throw Error("bad body");
            case "headers" or "query" when value.ValueKind != JsonValueKind.Object: throw Error("bad " + member.Name);
            case "headers" or "query":
                foreach (var field in value.EnumerateObject())
                {
                    if (field.Value.ValueKind != JsonValueKind.String)
                        throw Error($"object key/value must be strings {ErlangTerm.Binary(field.Name)}={ErlangTerm.Format(field.Value)}");
                }
                break;
            case "code" when !(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int c) && c is >= 200 and < 600):
                throw Error("bad code");
        }
    }

    private static List<KeyValuePair<string, string>> Pairs(JsonElement obj) =>
        [.. obj.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))];

    private static CouchException Error(string reason) => new(500, "rewrite_error", reason);
}
