using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CouchJs.Http.Responses;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Queries;

/// <summary>
/// Streams rows the way couch_mrview_http:view_cb frames them, byte for byte:
/// <c>{"total_rows":N,"offset":N,"rows":[\r\n</c>, rows joined by <c>,\r\n</c>, then <c>\r\n]}</c> and a
/// final newline; a <c>queries</c> request wraps its result sets in <c>{"results":[\r\n … ,\r\n … \r\n]}</c>.
/// Rows go through one <see cref="Utf8JsonWriter"/> straight into the response pipe, which is flushed to
/// the socket every ~64 KB, so no result is ever held whole.
/// </summary>
public sealed class ViewRowsWriter
{
    private const int FlushThreshold = 64 * 1024;

    private static readonly byte[] Separator = ",\r\n"u8.ToArray();

    private readonly PipeWriter _pipe;
    private readonly CancellationToken _aborted;
    private readonly Utf8JsonWriter _json;
    private readonly bool _multi;
    private long _unflushed;
    private byte[] _prepend;

    private ViewRowsWriter(HttpContext context, bool multi)
    {
        _pipe = context.Response.BodyWriter;
        _aborted = context.RequestAborted;
        _json = new Utf8JsonWriter(_pipe, CouchJson.WriterOptions);
        _multi = multi;
        // A queries response starts its first result set on a new line, as CouchDB's does.
        _prepend = multi ? "\r\n"u8.ToArray() : [];
    }

    /// <summary>Starts a 200 JSON response; <paramref name="multi"/> for a <c>queries</c> request.</summary>
    public static ViewRowsWriter Start(HttpContext context, bool multi)
    {
        context.Response.StatusCode = 200;
        CouchHeaders.Apply(context.Response);
        var writer = new ViewRowsWriter(context, multi);
        if (multi) writer.Raw("{\"results\":["u8);
        return writer;
    }

    /// <summary>Opens a result set with its totals (null prints <c>null</c>); <c>update_seq</c> only when asked.</summary>
    public void Meta(long? totalRows, long? offset, bool withUpdateSeq, string? updateSeq)
    {
        var meta = new StringBuilder("{\"total_rows\":").Append(Number(totalRows)).Append(",\"offset\":").Append(Number(offset)).Append(',');
        Open(meta, withUpdateSeq, updateSeq);
    }

    /// <summary>Opens a reduce result set: no totals, <c>update_seq</c> only when asked (fabric_view_reduce's meta).</summary>
    public void ReduceMeta(bool withUpdateSeq, string? updateSeq) => Open(new StringBuilder("{"), withUpdateSeq, updateSeq);

    // The meta members end with update_seq when asked, then the rows array opens on its own line.
    private void Open(StringBuilder meta, bool withUpdateSeq, string? updateSeq)
    {
        if (withUpdateSeq) meta.Append("\"update_seq\":").Append(updateSeq is null ? "null" : "\"" + updateSeq + "\"").Append(',');
        meta.Append("\"rows\":[\r\n");
        Raw(_prepend);
        Raw(Encoding.UTF8.GetBytes(meta.ToString()));
        _prepend = [];
    }

    /// <summary>Writes the separator before a row and hands out the writer for the row's object.</summary>
    public Utf8JsonWriter BeginRow()
    {
        Raw(_prepend);
        _prepend = Separator;
        return _json;
    }

    /// <summary>Ends the row begun last; flushes to the socket once enough has piled up.</summary>
    public ValueTask EndRow()
    {
        _json.Flush();
        _unflushed += _json.BytesCommitted;
        // A fresh writer state per row: rows are separate JSON values joined by raw separators.
        _json.Reset();
        return _unflushed >= FlushThreshold ? Flush() : ValueTask.CompletedTask;
    }

    /// <summary>Closes the current result set.</summary>
    public void EndResult()
    {
        Raw("\r\n]}"u8);
        _prepend = Separator;
    }

    /// <summary>Ends the response and flushes it.</summary>
    public async Task Finish()
    {
        if (_multi) Raw("\r\n]}"u8);
        Raw("\n"u8);
        await Flush().ConfigureAwait(false);
    }

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        _pipe.Write(bytes);
        _unflushed += bytes.Length;
    }

    private async ValueTask Flush()
    {
        _unflushed = 0;
        await _pipe.FlushAsync(_aborted).ConfigureAwait(false);
    }
}
