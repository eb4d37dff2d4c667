using System.Text.Json.Nodes;

namespace CouchJs.Views.CrashIndexer;

/// <summary>A map function of the query-server double: the rows (key, value) it emits for a document.</summary>
public delegate IEnumerable<(JsonNode? Key, JsonNode? Value)> FakeMap(JsonObject doc);

/// <summary>A reduce function of the double: reduce (keys, values) or rereduce (values).</summary>
public delegate JsonNode? FakeReduce(IReadOnlyList<JsonNode?> keys, IReadOnlyList<JsonNode?> values, bool rereduce);

/// <summary>
/// The functions the double knows, by source text: a design doc's map or reduce source names one of
/// these instead of holding JavaScript. Any other source fails to compile.
/// </summary>
public sealed class FakeFunctions
{
    public Dictionary<string, FakeMap> Maps { get; } = new(StringComparer.Ordinal);

    /// <summary>How long each map call takes at least: the crash test slows the child's build so its kills land mid-build.</summary>
    public TimeSpan MapDelay { get; set; }

    public Dictionary<string, FakeReduce> Reduces { get; } = new(StringComparer.Ordinal);

    /// <summary>The functions the tests and the crash indexer use.</summary>
    public static FakeFunctions Standard()
    {
        var f = new FakeFunctions();
        f.Maps["by_type"] = doc => doc["type"] is { } type ? [(type.DeepClone(), doc["value"]?.DeepClone())] : [];
        f.Maps["by_key"] = doc => doc.ContainsKey("key") ? [(doc["key"]?.DeepClone(), doc["value"]?.DeepClone())] : [];
        f.Maps["by_id"] = doc => [(doc["_id"]!.DeepClone(), null)];
        f.Maps["twice"] = doc => doc.ContainsKey("key") ? [(doc["key"]?.DeepClone(), JsonValue.Create(2)), (doc["key"]?.DeepClone(), JsonValue.Create(1))] : [];
        f.Maps["conflicts"] = doc => doc["_conflicts"] is { } c ? [(doc["_id"]!.DeepClone(), c.DeepClone())] : [];
        f.Maps["local_seq"] = doc => [(doc["_id"]!.DeepClone(), doc["_local_seq"]?.DeepClone())];
        f.Maps["linked"] = doc => doc["link"] is { } link ? [(doc["_id"]!.DeepClone(), link.DeepClone())] : [];
        f.Maps["throws_on_bad"] = doc => doc.ContainsKey("bad") ? throw new InvalidOperationException("bad doc") : [(doc["_id"]!.DeepClone(), 1)];
        f.Reduces["js_sum"] = (_, values, _) => values.Sum(v => v!.GetValue<double>());
        f.Reduces["js_count"] = (_, values, rereduce) => rereduce ? values.Sum(v => v!.GetValue<double>()) : values.Count;
        return f;
    }
}
