using CouchJs.QueryServers;

namespace CouchJs.Views.Reduce;

/// <summary>
/// CouchDB's built-in reduce functions, run in C# instead of a query server. Reductions are bytes:
/// JSON for _sum, _count and _stats (what a query shows), a HyperLogLog state for
/// _approx_count_distinct; <see cref="Finish"/> turns a reduction into the JSON a query shows.
/// Instances are stateless and thread safe.
/// </summary>
public abstract class BuiltinReducer
{
    /// <summary>CouchDB's error name for a design doc naming an unknown built-in.</summary>
    public const string UnsupportedError = "invalid_design_doc";

    private static readonly BuiltinReducer Count = new CountReducer();
    private static readonly BuiltinReducer Stats = new StatsReducer();
    private static readonly BuiltinReducer ApproxCountDistinct = new ApproxCountDistinctReducer();
    private static readonly BuiltinReducer DefaultSum = new SumReducer(BuiltinReduceLimit.Default);

    /// <summary>The built-in's name: _sum, _count, _stats or _approx_count_distinct.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The built-in a reduce source names, or null when it names none. CouchDB matches on the prefix
    /// (couch_query_servers, couch_mrview:validate): "_sum", "_sum\n", "_sum // total" and "_summary"
    /// are all _sum. A source that starts with "_" and names none is an error
    /// (<see cref="Validate"/>); one without "_" is a JavaScript function.
    /// </summary>
    public static BuiltinReducer? Get(string source, BuiltinReduceLimit? limit = null) =>
        source.StartsWith("_sum", StringComparison.Ordinal) ? (limit is null || limit == BuiltinReduceLimit.Default ? DefaultSum : new SumReducer(limit))
        : source.StartsWith("_count", StringComparison.Ordinal) ? Count
        : source.StartsWith("_stats", StringComparison.Ordinal) ? Stats
        : source.StartsWith("_approx_count_distinct", StringComparison.Ordinal) ? ApproxCountDistinct
        : null;

    /// <summary>Whether CouchDB treats the source as a built-in (it starts with "_"), known or not.</summary>
    public static bool IsBuiltin(string source) => source.StartsWith('_');

    /// <summary>
    /// The reason couch_mrview rejects a design doc whose reduce is this source (error
    /// <see cref="UnsupportedError"/>, 400), or null when it is a known built-in or not a built-in.
    /// </summary>
    public static string? Validate(string source) =>
        IsBuiltin(source) && Get(source) is null ? $"`{source}` is not a supported reduce function." : null;

    /// <summary>Reduces map rows (key, doc id, value). Errors: <see cref="QueryServerException"/>.</summary>
    public abstract byte[] Reduce(IReadOnlyList<KeyValueRow> rows);

    /// <summary>Combines reductions this built-in made.</summary>
    public abstract byte[] Rereduce(IReadOnlyList<ReadOnlyMemory<byte>> reductions);

    /// <summary>The JSON a query shows for a reduction (for most built-ins the reduction itself).</summary>
    public virtual ReadOnlyMemory<byte> Finish(ReadOnlyMemory<byte> reduction) => reduction;
}

/// <summary>
/// <c>[query_server_config]</c>'s limit on _sum output that does not shrink: with reduce_limit = true,
/// an output over <see cref="Threshold"/> bytes that is more than 1/<see cref="Ratio"/> of the input
/// (Erlang external term sizes) becomes a builtin_reduce_error.
/// </summary>
public sealed record BuiltinReduceLimit(bool Enabled = true, int Threshold = 4906, double Ratio = 2.0)
{
    public static readonly BuiltinReduceLimit Default = new();
}
