using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CouchJs.QueryServers.Protocol;

/// <summary>
/// Writes line-protocol commands (one JSON array and a newline) into one reused buffer; a query
/// server has one, as only one caller at a time talks to it. Documents, keys and values arrive as
/// UTF-8 JSON and are copied in raw, never re-parsed.
/// </summary>
internal sealed class CommandWriter
{
    /// <summary>As deep as the database layer lets documents be.</summary>
    private const int MaxDepth = 4096;

    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
        MaxDepth = MaxDepth,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    public CommandWriter() => _json = new Utf8JsonWriter(_buffer, Options);

    /// <summary><c>["reset", {"reduce_limit": …, "timeout": …}]</c></summary>
    public ReadOnlyMemory<byte> Reset(QueryServerConfig config)
    {
        Start("reset");
        _json.WriteStartObject();
        _json.WriteBoolean("reduce_limit", config.ReduceLimit);
        _json.WriteNumber("timeout", config.TimeoutMs);
        _json.WriteEndObject();
        return End();
    }

    /// <summary><c>["add_lib", lib]</c></summary>
    public ReadOnlyMemory<byte> AddLib(ReadOnlyMemory<byte> lib)
    {
        Start("add_lib");
        Raw(lib.Span);
        return End();
    }

    /// <summary><c>["add_fun", source]</c></summary>
    public ReadOnlyMemory<byte> AddFun(string source)
    {
        Start("add_fun");
        _json.WriteStringValue(source);
        return End();
    }

    /// <summary><c>["map_doc", doc]</c></summary>
    public ReadOnlyMemory<byte> MapDoc(ReadOnlyMemory<byte> doc)
    {
        Start("map_doc");
        Raw(doc.Span);
        return End();
    }

    /// <summary><c>["map_docs", [doc, …]]</c>, the batched extension (also the support probe, with no docs).</summary>
    public ReadOnlyMemory<byte> MapDocs(IReadOnlyList<ReadOnlyMemory<byte>> docs)
    {
        Start("map_docs");
        _json.WriteStartArray();
        foreach (var doc in docs) Raw(doc.Span);
        _json.WriteEndArray();
        return End();
    }

    /// <summary><c>["reduce", [source, …], [[[key, id], value], …]]</c></summary>
    public ReadOnlyMemory<byte> Reduce(IReadOnlyList<string> sources, IReadOnlyList<KeyValueRow> rows)
    {
        Start("reduce");
        Sources(sources);
        _json.WriteStartArray();
        foreach (var row in rows)
        {
            _json.WriteStartArray();
            _json.WriteStartArray();
            Raw(row.Key.Span);
            _json.WriteStringValue(row.DocId);
            _json.WriteEndArray();
            Raw(row.Value.Span);
            _json.WriteEndArray();
        }
        _json.WriteEndArray();
        return End();
    }

    /// <summary><c>["rereduce", [source, …], [value, …]]</c></summary>
    public ReadOnlyMemory<byte> Rereduce(IReadOnlyList<string> sources, IReadOnlyList<ReadOnlyMemory<byte>> values)
    {
        Start("rereduce");
        Sources(sources);
        _json.WriteStartArray();
        foreach (var value in values) Raw(value.Span);
        _json.WriteEndArray();
        return End();
    }

    /// <summary><c>["ddoc", "new", id, ddoc]</c></summary>
    public ReadOnlyMemory<byte> DdocNew(string ddocId, ReadOnlyMemory<byte> ddoc)
    {
        Start("ddoc");
        _json.WriteStringValue("new");
        _json.WriteStringValue(ddocId);
        Raw(ddoc.Span);
        return End();
    }

    /// <summary><c>["ddoc", id, [path, …], args]</c> (args is already the JSON array of arguments).</summary>
    public ReadOnlyMemory<byte> DdocCall(string ddocId, IReadOnlyList<string> path, ReadOnlyMemory<byte> args)
    {
        Start("ddoc");
        _json.WriteStringValue(ddocId);
        Sources(path);
        Raw(args.Span);
        return End();
    }

    /// <summary>
    /// <c>["validate_docs", id, [[newDoc, oldDoc, userCtx, secObj], …]]</c>, CouchJs's batched
    /// validate_doc_update, for the edits <paramref name="start"/> to <paramref name="end"/> (exclusive).
    /// </summary>
    public ReadOnlyMemory<byte> ValidateDocs(string ddocId, DocValidations batch, int start, int end)
    {
        Start("validate_docs");
        _json.WriteStringValue(ddocId);
        _json.WriteStartArray();
        for (int i = start; i < end; i++)
        {
            _json.WriteStartArray();
            Raw(batch.Edits[i].NewDoc.Span);
            if (batch.Edits[i].OldDoc is { } old) Raw(old.Span);
            else _json.WriteNullValue();
            Raw(batch.UserCtx);
            Raw(batch.SecObj);
            _json.WriteEndArray();
        }
        _json.WriteEndArray();
        return End();
    }

    private void Start(string command)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartArray();
        _json.WriteStringValue(command);
    }

    private ReadOnlyMemory<byte> End()
    {
        _json.WriteEndArray();
        _json.Flush();
        _buffer.Write("\n"u8);
        return _buffer.WrittenMemory;
    }

    private void Sources(IReadOnlyList<string> strings)
    {
        _json.WriteStartArray();
        foreach (string s in strings) _json.WriteStringValue(s);
        _json.WriteEndArray();
    }

    // A value on one line: JSON from storage is compact, but a newline between tokens would split the command.
    private void Raw(ReadOnlySpan<byte> json)
    {
        if (json.IndexOfAny((byte)'\n', (byte)'\r') < 0) _json.WriteRawValue(json, skipInputValidation: true);
        else
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
            doc.WriteTo(_json);
        }
    }
}
