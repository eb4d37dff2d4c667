using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Http.Queries;
using CouchJs.QueryServers;
using CouchJs.Views.Design;
using CouchJs.Views.Engine;
using CouchJs.Views.Index;
using CouchJs.Views.Querying;

namespace CouchJs.Http.Endpoints;

// One result set: map rows {"id","key","value"[,"doc"]} after {"total_rows","offset"}, or reduce
// rows {"key","value"}; keys and values are copied from the index as stored, never re-encoded.
public static partial class ViewEndpoints
{
    private static async Task WriteResult(ViewRowsWriter writer, CouchDatabase database, ViewSnapshot snapshot, ViewLookup view,
        ViewQuery query, ViewQueryOptions options, CancellationToken cancel)
    {
        string? seq = options.UpdateSeq ? Sequences.Format(snapshot.UpdateSeq) : null;
        try
        {
            if (Reduces(options, view)) await WriteReduce(writer, snapshot, view, query, seq, cancel).ConfigureAwait(false);
            else await WriteMap(writer, database, snapshot, view, query, options, seq).ConfigureAwait(false);
        }
        catch (QueryServerException e)
        {
            throw new CouchException(500, e.Error, e.Reason);
        }
    }

    private static async Task WriteMap(ViewRowsWriter writer, CouchDatabase database, ViewSnapshot snapshot, ViewLookup view,
        ViewQuery query, ViewQueryOptions options, string? seq)
    {
        var map = snapshot.Map(view, query);
        writer.Meta(map.TotalRows, map.Offset, options.UpdateSeq, seq);
        using var reader = options.IncludeDocs ? database.OpenReader() : null;
        var docOptions = options.DocOptions;
        foreach (var (key, value) in map.Rows())
        {
            WriteMapRow(writer.BeginRow(), key, value, reader, docOptions);
            await writer.EndRow().ConfigureAwait(false);
        }
    }

    private static async Task WriteReduce(ViewRowsWriter writer, ViewSnapshot snapshot, ViewLookup view, ViewQuery query, string? seq, CancellationToken cancel)
    {
        await using var reduce = snapshot.Reduce(view, query, cancel);
        writer.ReduceMeta(seq is not null, seq);
        foreach (var row in reduce.Rows())
        {
            WriteReduceRow(writer.BeginRow(), row.Key, row.Value);
            await writer.EndRow().ConfigureAwait(false);
        }
    }

    /// <summary>A map row, <c>{"id","key","value"[,"doc"]}</c>; <paramref name="reader"/> is set for include_docs.</summary>
    internal static void WriteMapRow(Utf8JsonWriter w, ViewKey key, ReadOnlyMemory<byte> value, DbReader? reader, DocRenderOptions docOptions)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, key.DocId.Span);
        w.WritePropertyName("key"u8);
        w.WriteRawValue(key.Key.Span, skipInputValidation: true);
        w.WritePropertyName("value"u8);
        w.WriteRawValue(value.Span, skipInputValidation: true);
        if (reader is not null)
        {
            w.WritePropertyName("doc"u8);
            if (LinkedDoc(reader, key, value, docOptions) is { } doc) w.WriteRawValue(doc, skipInputValidation: true);
            else w.WriteNullValue();
        }
        w.WriteEndObject();
    }

    /// <summary>A reduce row, <c>{"key","value"}</c>.</summary>
    internal static void WriteReduceRow(Utf8JsonWriter w, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value)
    {
        w.WriteStartObject();
        w.WritePropertyName("key"u8);
        w.WriteRawValue(key.Span, skipInputValidation: true);
        w.WritePropertyName("value"u8);
        w.WriteRawValue(value.Span, skipInputValidation: true);
        w.WriteEndObject();
    }

    /// <summary>
    /// include_docs: the row's document at its winning revision, or the one an emitted
    /// <c>{"_id": …, "_rev": …}</c> value names (couch_mrview_util:maybe_load_doc); null when it is
    /// missing or deleted.
    /// </summary>
    internal static byte[]? LinkedDoc(DbReader reader, ViewKey key, ReadOnlyMemory<byte> value, DocRenderOptions options)
    {
        string id = Encoding.UTF8.GetString(key.DocId.Span);
        Rev? rev = null;
        if (value.Length > 0 && value.Span[0] == (byte)'{')
        {
            using var doc = JsonDocument.Parse(value);
            if (doc.RootElement.TryGetProperty("_id", out var linkedId) && linkedId.ValueKind == JsonValueKind.String) id = linkedId.GetString()!;
            if (doc.RootElement.TryGetProperty("_rev", out var linkedRev))
            {
                if (linkedRev.ValueKind != JsonValueKind.String || !Rev.TryParse(linkedRev.GetString(), out var parsed)) return null;
                rev = parsed;
            }
        }
        if (reader.Get(id) is not { } info) return null;
        var leaf = rev is { } r ? info.Tree.Find(r) : info.Winner;
        if (leaf?.Value is null || DocInfo.IsDeleted(leaf.Value)) return null;
        return DocJsonWriter.Render(reader, info, leaf, options);
    }
}
