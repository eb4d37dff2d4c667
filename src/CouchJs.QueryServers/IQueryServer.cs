namespace CouchJs.QueryServers;

/// <summary>
/// One JavaScript engine instance checked out of a pool: an in-process Jint engine or an external
/// process speaking CouchDB's line protocol. Shaped after that protocol (reset, add_lib, add_fun,
/// map_doc, reduce, rereduce, ddoc); not thread safe: one caller at a time holds it.
/// All JSON crosses this interface as UTF-8 bytes so no engine imposes its object model.
/// </summary>
public interface IQueryServer
{
    /// <summary>Engine name as reported by <c>/_node/_local/_versions</c> (e.g. "jint", "v8").</summary>
    string EngineName { get; }

    /// <summary>
    /// A tag the caller sets after loading functions (e.g. a view signature) so a warm engine
    /// checked out again for the same functions skips reset/add_fun. Cleared by <see cref="Reset"/>.
    /// </summary>
    string? Loaded { get; set; }

    /// <summary>["reset", config]: forget map functions and libs. config: {"reduce_limit": bool, "timeout": ms}.</summary>
    Task Reset(QueryServerConfig config, CancellationToken ct);

    /// <summary>["add_lib", lib]: the design doc's views.lib object (UTF-8 JSON) for require().</summary>
    Task AddLib(ReadOnlyMemory<byte> libJson, CancellationToken ct);

    /// <summary>["add_fun", source]. A syntax error throws <see cref="QueryServerException"/> (compilation_error).</summary>
    Task AddFun(string source, CancellationToken ct);

    /// <summary>
    /// Maps docs (UTF-8 JSON objects) with every added function. Per doc: UTF-8 JSON
    /// <c>[[[key, value], …] per function]</c>; a function that throws for a doc contributes
    /// <c>[]</c> for it (logged), as couchjs does. Engines that support it map the whole batch in one
    /// message; others send one map_doc per doc.
    /// </summary>
    Task<byte[][]> MapDocs(IReadOnlyList<ReadOnlyMemory<byte>> docs, CancellationToken ct);

    /// <summary>["reduce", sources, [[[key, id], value], …]] → one UTF-8 JSON reduction per source.</summary>
    Task<byte[][]> Reduce(IReadOnlyList<string> sources, IReadOnlyList<KeyValueRow> rows, CancellationToken ct);

    /// <summary>["rereduce", sources, values] → one UTF-8 JSON reduction per source.</summary>
    Task<byte[][]> Rereduce(IReadOnlyList<string> sources, IReadOnlyList<ReadOnlyMemory<byte>> values, CancellationToken ct);

    /// <summary>["ddoc", "new", id, ddoc]: caches a design doc (by id + rev) for <see cref="DdocCall"/>.</summary>
    Task DdocNew(string ddocId, ReadOnlyMemory<byte> ddocJson, CancellationToken ct);

    /// <summary>
    /// ["ddoc", id, path, args]: calls a design doc function (shows, lists, updates, filters, views,
    /// validate_doc_update, rewrites). Returns the engine's answer as UTF-8 JSON, exactly the value
    /// the line protocol would answer (e.g. <c>["resp", {…}]</c>, <c>[true, [bools]]</c>, <c>1</c>).
    /// </summary>
    Task<byte[]> DdocCall(string ddocId, IReadOnlyList<string> path, ReadOnlyMemory<byte> argsJson, CancellationToken ct);
}

/// <summary>One row for reduce: the emitted key, the doc id and the emitted value, each UTF-8 JSON (id a plain string).</summary>
public readonly record struct KeyValueRow(ReadOnlyMemory<byte> Key, string DocId, ReadOnlyMemory<byte> Value);

/// <summary>What "reset" carries: CouchDB's query_server_config.</summary>
public sealed record QueryServerConfig(bool ReduceLimit = true, int TimeoutMs = 5000);
