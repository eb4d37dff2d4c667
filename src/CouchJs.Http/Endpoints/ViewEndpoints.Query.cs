using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Json;
using CouchJs.Http.Queries;
using CouchJs.Views.Design;
using CouchJs.Views.Engine;
using CouchJs.Views.Index;
using CouchJs.Views.Querying;

namespace CouchJs.Http.Endpoints;

public static partial class ViewEndpoints
{
    /// <summary>
    /// Checks the parameters against the view (couch_mrview_util:validate_args, then check_range in
    /// the view's collation) and turns them into the engine's query.
    /// </summary>
    internal static ViewQuery Prepare(ViewQueryOptions options, ViewLookup view)
    {
        bool reduce = Reduces(options, view);
        options.ValidateView(reduce);
        long level = options.EffectiveGroupLevel;
        var query = new ViewQuery
        {
            StartKey = Minified(options.StartKey),
            EndKey = Minified(options.EndKey),
            StartKeyDocId = options.StartKeyDocId,
            EndKeyDocId = options.EndKeyDocId,
            InclusiveEnd = options.InclusiveEnd,
            Descending = options.Descending,
            Skip = options.Skip,
            Limit = options.Limit,
            Keys = options.Keys is { } keys ? [.. keys.Select(k => Minified(k)!.Value)] : null,
            GroupLevel = !reduce ? 0 : level == ViewQueryOptions.ExactGroup ? ViewQuery.ExactGroup : (int)Math.Min(level, int.MaxValue - 1),
        };
        ViewRanges.Check(query, ViewKeyComparer.For(view.View.RawCollation));
        return query;
    }

    /// <summary>A query reduces when its view has a reduce and reduce=false is not given (view_type red).</summary>
    internal static bool Reduces(ViewQueryOptions options, ViewLookup view) => view.HasReduce && options.Reduce != false;

    // Keys compare as minified JSON; a query string may space them out.
    private static ReadOnlyMemory<byte>? Minified(JsonElement? value)
    {
        if (value is not { } element) return null;
        byte[] raw = Encoding.UTF8.GetBytes(element.GetRawText());
        return raw.AsMemory(0, JsonMinifier.Minify(raw, raw));
    }

    /// <summary>
    /// CouchJs gives view answers an ETag (CouchDB 1.x did; 3.x does not): the index version (signature,
    /// update and purge seqs), the request path and query, and with include_docs the database version
    /// too, since the documents shown can change while the index does not.
    /// </summary>
    private static bool NotModified(CouchRequest r, CouchDatabase database, ViewSnapshot snapshot, bool includeDocs)
    {
        var tag = new StringBuilder()
            .Append(snapshot.Signature).Append('|').Append(snapshot.UpdateSeq).Append('|').Append(snapshot.PurgeSeq)
            .Append('|').Append(r.Path.Join(0)).Append('|').Append(r.Http.QueryString.Value);
        if (includeDocs)
        {
            var header = database.File.Header;
            tag.Append('|').Append(header.UpdateSeq).Append('|').Append(header.PurgeSeq);
        }
        string etag = "\"" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(tag.ToString()))) + "\"";
        if (!DocumentEndpoints.IfNoneMatch(r, etag))
        {
            r.Response.Headers.ETag = etag;
            return false;
        }
        DocumentEndpoints.NotModified(r, etag);
        return true;
    }
}
