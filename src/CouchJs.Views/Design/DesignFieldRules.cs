using System.Text.Json;

namespace CouchJs.Views.Design;

/// <summary>
/// couch_mrview:validate_ddoc_fields: the design doc members whose JSON type is checked, as paths
/// (<c>*</c> is every member of the object above), in CouchDB's order. The first mismatch is the
/// reason: "`views.v.map` field must have string type". A <c>language: "query"</c> design doc (Mango)
/// has object maps.
/// </summary>
internal static class DesignFieldRules
{
    private static readonly (string[] Path, JsonValueKind[] Types)[] Rules =
    [
        (["filters"], [JsonValueKind.Object]),
        (["filters", "*"], [JsonValueKind.Object, JsonValueKind.String]),
        (["language"], [JsonValueKind.String]),
        (["lists"], [JsonValueKind.Object]),
        (["lists", "*"], [JsonValueKind.Object, JsonValueKind.String]),
        (["options"], [JsonValueKind.Object]),
        (["options", "include_design"], [JsonValueKind.True]),
        (["options", "local_seq"], [JsonValueKind.True]),
        (["options", "partitioned"], [JsonValueKind.True]),
        (["rewrites"], [JsonValueKind.String, JsonValueKind.Array]),
        (["shows"], [JsonValueKind.Object]),
        (["shows", "*"], [JsonValueKind.Object, JsonValueKind.String]),
        (["updates"], [JsonValueKind.Object]),
        (["updates", "*"], [JsonValueKind.Object, JsonValueKind.String]),
        (["validate_doc_update"], [JsonValueKind.String]),
        (["views"], [JsonValueKind.Object]),
        (["views", "lib"], [JsonValueKind.Object]),
        (["views", "*"], [JsonValueKind.Object]),
        (["views", "*", "map"], [JsonValueKind.String]),
        (["views", "*", "reduce"], [JsonValueKind.String]),
    ];

    /// <summary>The first field whose type is wrong, as CouchDB words it; null when all are right.</summary>
    public static string? FirstError(JsonElement ddoc)
    {
        bool queryLanguage = ddoc.TryGetProperty("language", out var lang) && lang.ValueKind == JsonValueKind.String && lang.ValueEquals("query");
        foreach (var (path, types) in Rules)
        {
            var expected = queryLanguage && path is ["views", "*", "map"] ? [JsonValueKind.Object] : types;
            if (Check(ddoc, path, 0, expected, "") is { } failed) return $"`{failed}` field must have {Describe(expected)} type";
        }
        return null;
    }

    // The dotted path of the first value under `path` of the wrong type; absent members pass.
    private static string? Check(JsonElement value, string[] path, int depth, JsonValueKind[] types, string prefix)
    {
        if (depth == path.Length) return Matches(value, types) ? null : prefix;
        if (value.ValueKind != JsonValueKind.Object) return null;
        string Join(string name) => prefix.Length == 0 ? name : prefix + "." + name;
        if (path[depth] != "*")
            return value.TryGetProperty(path[depth], out var member) ? Check(member, path, depth + 1, types, Join(path[depth])) : null;
        foreach (var member in value.EnumerateObject())
            if (Check(member.Value, path, depth + 1, types, Join(member.Name)) is { } failed) return failed;
        return null;
    }

    private static bool Matches(JsonElement value, JsonValueKind[] types)
    {
        foreach (var type in types)
        {
            if (value.ValueKind == type) return true;
            if (type == JsonValueKind.True && value.ValueKind == JsonValueKind.False) return true;
        }
        return false;
    }

    private static string Describe(JsonValueKind[] types) => string.Join(" or ", types.Select(t => t switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        _ => "boolean",
    }));
}
