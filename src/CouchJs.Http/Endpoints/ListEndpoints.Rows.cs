using System.Buffers;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Http.Queries;
using CouchJs.Http.Responses;
using CouchJs.Views.Design;
using CouchJs.Views.Engine;
using CouchJs.Views.Querying;

namespace CouchJs.Http.Endpoints;

public static partial class ListEndpoints
{
    /// <summary>
    /// A view query as a list reads it (couch_mrview_show:list_cb): the head, then each row as the JSON
    /// object <c>list_row</c> carries — <c>{"id","key","value"[,"doc"]}</c>, or <c>{"key","value"}</c>
    /// for reduced rows — keys and values as the index stores them.
    /// </summary>
    private sealed class ListRows(CouchDatabase database, ViewSnapshot snapshot, ViewLookup view, ViewQuery query, ViewQueryOptions options, CancellationToken cancel)
    {
        private readonly bool _reduces = ViewEndpoints.Reduces(options, view);
        private MapQuery? _map;

        /// <summary><c>{"total_rows","offset"}</c> for map rows, <c>{}</c> for reduced ones; <c>update_seq</c> when asked.</summary>
        public byte[] Head()
        {
            var buffer = new ArrayBufferWriter<byte>(64);
            using (var w = new Utf8JsonWriter(buffer, CouchJson.WriterOptions))
            {
                w.WriteStartObject();
                if (!_reduces)
                {
                    _map = snapshot.Map(view, query);
                    w.WriteNumber("total_rows", _map.TotalRows);
                    w.WriteNumber("offset", _map.Offset);
                }
                if (options.UpdateSeq) w.WriteString("update_seq", Sequences.Format(snapshot.UpdateSeq));
                w.WriteEndObject();
            }
            return buffer.WrittenSpan.ToArray();
        }

        public IAsyncEnumerable<ReadOnlyMemory<byte>> Rows() => _reduces ? ReducedRows() : MapRows();

        private async IAsyncEnumerable<ReadOnlyMemory<byte>> MapRows()
        {
            var map = _map ?? snapshot.Map(view, query);
            using var reader = options.IncludeDocs ? database.OpenReader() : null;
            var docOptions = options.DocOptions;
            var buffer = new ArrayBufferWriter<byte>(256);
            await using var w = new Utf8JsonWriter(buffer, CouchJson.WriterOptions);
            foreach (var (key, value) in map.Rows())
            {
                buffer.ResetWrittenCount();
                w.Reset(buffer);
                ViewEndpoints.WriteMapRow(w, key, value, reader, docOptions);
                await w.FlushAsync(cancel).ConfigureAwait(false);
                yield return buffer.WrittenMemory;
            }
        }

        private async IAsyncEnumerable<ReadOnlyMemory<byte>> ReducedRows()
        {
            await using var reduce = snapshot.Reduce(view, query, cancel);
            var buffer = new ArrayBufferWriter<byte>(128);
            await using var w = new Utf8JsonWriter(buffer, CouchJson.WriterOptions);
            foreach (var row in reduce.Rows())
            {
                buffer.ResetWrittenCount();
                w.Reset(buffer);
                ViewEndpoints.WriteReduceRow(w, row.Key, row.Value);
                await w.FlushAsync(cancel).ConfigureAwait(false);
                yield return buffer.WrittenMemory;
            }
        }
    }
}
