using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Model;
using CouchJs.Http.Queries;
using CouchJs.Storage.BTrees;

namespace CouchJs.Http.Endpoints;

// A range of ids, folded from one tree (couch_mrview:all_docs_fold and couch_db's fold_*_docs).
public static partial class AllDocsEndpoints
{
    // couch_db's ?FIRST_DDOC_KEY and ?LAST_DDOC_KEY: every design doc id sorts between them.
    private static readonly byte[] FirstDesignId = "_design/"u8.ToArray();
    private static readonly byte[] AfterDesignIds = "_design0"u8.ToArray();

    private static async Task WriteRange(ViewRowsWriter writer, DbReader reader, Scope scope, ViewQueryOptions options)
    {
        var range = IdRange(scope, options);
        if (scope == Scope.Local)
        {
            // Local docs have no counts and no seq: CouchDB reports null for all three.
            writer.Meta(null, null, options.UpdateSeq, null);
            foreach (var local in Page(reader.LocalDocs(range, options.Descending), options.Skip, options.Limit))
            {
                WriteLocalRow(writer.BeginRow(), local, options.IncludeDocs);
                await writer.EndRow().ConfigureAwait(false);
            }
            return;
        }
        // total_rows is the database's doc_count, or its design doc count for _design_docs (CouchDB
        // PR #1744); offset counts the live documents of that set the fold passed before its first
        // row, plus what skip passes over.
        long total = scope == Scope.Design ? DesignDocCount(reader) : reader.Counts.DocCount;
        long before = scope == Scope.Design ? DesignBefore(reader, range, options.Descending, total) : Before(reader, range, options.Descending, total);
        long offset = Math.Min(total, before + Math.Min(options.Skip, total));
        writer.Meta(total, offset, options.UpdateSeq, Sequences.Format(reader.UpdateSeq));
        var docOptions = options.IncludeDocs ? options.DocOptions : null;
        foreach (var info in Page(Live(reader.AllDocs(range, options.Descending)), options.Skip, options.Limit))
        {
            WriteDocRow(writer.BeginRow(), reader, info, docOptions);
            await writer.EndRow().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// couch_mrview_util:all_docs_key_opts: a string start/end key bounds the range, otherwise the
    /// start/end doc id does; _design_docs clamps it to the design ids (couch_db:set_design_doc_keys).
    /// </summary>
    private static KeyRange<ReadOnlyMemory<byte>> IdRange(Scope scope, ViewQueryOptions options)
    {
        byte[]? start = Utf8(options.StartKey is { ValueKind: JsonValueKind.String } s ? s.GetString() : options.StartKeyDocId);
        byte[]? end = Utf8(options.EndKey is { ValueKind: JsonValueKind.String } e ? e.GetString() : options.EndKeyDocId);
        if (scope == Scope.Design)
        {
            if (options.Descending)
            {
                start = Min(start ?? AfterDesignIds, AfterDesignIds);
                end = Max(end ?? FirstDesignId, FirstDesignId);
            }
            else
            {
                start = Max(start ?? FirstDesignId, FirstDesignId);
                end = Min(end ?? AfterDesignIds, AfterDesignIds);
            }
        }
        return new(start is not null, start, end is not null, end, options.InclusiveEnd);
    }

    /// <summary>Live documents before the range's start, in the fold's direction.</summary>
    private static long Before(DbReader reader, in KeyRange<ReadOnlyMemory<byte>> range, bool descending, long total)
    {
        if (!range.HasStart) return 0;
        var byId = reader.Trees.ById;
        return descending
            ? total - byId.Reduce(KeyRange<ReadOnlyMemory<byte>>.To(range.Start, inclusiveEnd: true)).DocCount
            : byId.Reduce(KeyRange<ReadOnlyMemory<byte>>.To(range.Start, inclusiveEnd: false)).DocCount;
    }

    /// <summary>Live design documents before the range's start, in the fold's direction.</summary>
    private static long DesignBefore(DbReader reader, in KeyRange<ReadOnlyMemory<byte>> range, bool descending, long designTotal)
    {
        if (!range.HasStart) return 0;
        var byId = reader.Trees.ById;
        return descending
            ? designTotal - byId.Reduce(KeyRange<ReadOnlyMemory<byte>>.Between(FirstDesignId, range.Start, inclusiveEnd: true)).DocCount
            : byId.Reduce(KeyRange<ReadOnlyMemory<byte>>.Between(FirstDesignId, range.Start, inclusiveEnd: false)).DocCount;
    }

    private static long DesignDocCount(DbReader reader) =>
        reader.Trees.ById.Reduce(KeyRange<ReadOnlyMemory<byte>>.Between(FirstDesignId, AfterDesignIds, inclusiveEnd: false)).DocCount;

    private static IEnumerable<DocInfo> Live(IEnumerable<DocInfo> docs)
    {
        foreach (var info in docs)
            if (!info.Deleted) yield return info;
    }

    // skip, then limit, counted over the rows the fold yields.
    private static IEnumerable<T> Page<T>(IEnumerable<T> rows, long skip, long limit)
    {
        if (limit == 0) yield break;
        foreach (var row in rows)
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }
            yield return row;
            if (--limit == 0) yield break;
        }
    }

    private static byte[]? Utf8(string? id) => id is null ? null : Encoding.UTF8.GetBytes(id);

    private static byte[] Min(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b) <= 0 ? a : b;

    private static byte[] Max(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b) >= 0 ? a : b;
}
