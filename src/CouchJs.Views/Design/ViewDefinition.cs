namespace CouchJs.Views.Design;

/// <summary>
/// One view tree of a design document (couch_mrview's #mrview): every named view with the same map
/// source and view options shares it, map-only names and named reduces alike.
/// </summary>
public sealed class ViewDefinition(int index, string mapSource, byte[] options, IReadOnlyList<string> mapNames, IReadOnlyList<ReduceFunction> reduces)
{
    /// <summary>The tree's slot in the index file: its position among the design doc's sorted view definitions.</summary>
    public int Index { get; } = index;

    public string MapSource { get; } = mapSource;

    /// <summary>The view's <c>options</c> object as minified JSON (<c>{}</c> when absent).</summary>
    public byte[] Options { get; } = options;

    /// <summary><c>options.collation</c> is <c>"raw"</c>: keys sort in Erlang term order, strings bytewise.</summary>
    public bool RawCollation { get; } = IsRaw(options);

    /// <summary>Names of the views that only map with this function.</summary>
    public IReadOnlyList<string> MapNames { get; } = mapNames;

    /// <summary>Named reduces over this map's rows, in a fixed order (their slot in the tree's reductions).</summary>
    public IReadOnlyList<ReduceFunction> Reduces { get; } = reduces;

    private static bool IsRaw(byte[] options)
    {
        var reader = new System.Text.Json.Utf8JsonReader(options);
        using var doc = System.Text.Json.JsonDocument.ParseValue(ref reader);
        return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            && doc.RootElement.TryGetProperty("collation", out var collation)
            && collation.ValueKind == System.Text.Json.JsonValueKind.String
            && collation.ValueEquals("raw");
    }
}

/// <summary>A named reduce: a built-in (<c>_sum</c>, <c>_count</c>, …) or a JavaScript function source.</summary>
public sealed record ReduceFunction(string Name, string Source)
{
    /// <summary>Built-ins start with an underscore; everything else runs in a query server.</summary>
    public bool IsBuiltin => Source.StartsWith('_');
}

/// <summary>Where a view name leads: its tree, and which reduce it names (-1 for a map-only view).</summary>
public readonly record struct ViewLookup(ViewDefinition View, int ReduceIndex)
{
    public bool HasReduce => ReduceIndex >= 0;
}
