using System.Text;
using System.Text.Json;

namespace CouchJs.Views.Design;

/// <summary>
/// Groups a design doc's <c>views</c> into trees as couch_mrview_util:ddoc_to_mrst does: one tree per
/// distinct (map source, view options), holding the map-only names and the named reduces; trees sorted
/// by that pair so their slots do not depend on member order. Entries without a string <c>map</c>
/// (and <c>lib</c>) are not views.
/// </summary>
internal static class ViewGrouping
{
    public static IReadOnlyList<ViewDefinition> Group(JsonElement views)
    {
        var groups = new Dictionary<(string Map, string Options), (List<string> Maps, List<ReduceFunction> Reduces)>();
        foreach (var view in views.EnumerateObject())
        {
            if (view.Name == "lib" || view.Value.ValueKind != JsonValueKind.Object) continue;
            if (!view.Value.TryGetProperty("map", out var map) || map.ValueKind != JsonValueKind.String) continue;
            string options = view.Value.TryGetProperty("options", out var opts) && opts.ValueKind == JsonValueKind.Object
                ? Encoding.UTF8.GetString(CanonicalJson.Raw(opts))
                : "{}";
            var key = (map.GetString()!, options);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = ([], []);
            if (view.Value.TryGetProperty("reduce", out var reduce) && reduce.ValueKind == JsonValueKind.String)
                group.Reduces.Add(new ReduceFunction(view.Name, reduce.GetString()!));
            else
                group.Maps.Add(view.Name);
        }
        var keys = groups.Keys.ToList();
        keys.Sort((a, b) =>
        {
            int c = CompareUtf8(a.Map, b.Map);
            return c != 0 ? c : CompareUtf8(a.Options, b.Options);
        });
        var result = new ViewDefinition[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            var (maps, reduces) = groups[keys[i]];
            maps.Sort(StringComparer.Ordinal);
            reduces.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            result[i] = new ViewDefinition(i, keys[i].Map, Encoding.UTF8.GetBytes(keys[i].Options), maps, reduces);
        }
        return result;
    }

    // Erlang compares binaries bytewise: UTF-8 order, which differs from UTF-16 order past U+D7FF.
    private static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
