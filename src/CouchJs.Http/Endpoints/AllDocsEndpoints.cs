using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Http.Queries;
using CouchJs.Http.Responses;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/{db}/_all_docs</c>, <c>_design_docs</c> and <c>_local_docs</c> (GET/HEAD/POST, and POST
/// <c>…/queries</c>): document ids with their winning revisions, read from one snapshot and streamed
/// as couch_mrview_http frames them. A range is folded from the by-id (or local) tree; <c>keys</c>
/// are looked up one by one, deleted documents included, as fabric_view_all_docs does.
/// </summary>
public static partial class AllDocsEndpoints
{
    private enum Scope { All, Design, Local }

    public static Task AllDocs(CouchRequest r, string db) => Serve(r, db, Scope.All);

    public static Task DesignDocs(CouchRequest r, string db) => Serve(r, db, Scope.Design);

    public static Task LocalDocs(CouchRequest r, string db) => Serve(r, db, Scope.Local);

    private static async Task Serve(CouchRequest r, string db, Scope scope)
    {
        var database = DatabaseEndpoints.Open(r, db);
        var options = new ViewQueryOptions();
        using var body = r.Method == "POST" ? await ReadPostBody(r, options).ConfigureAwait(false) : null;
        if (body is null) CheckGetKeys(r);
        options.ApplyQueryString(r.Http.QueryString);
        Validate(options);

        using var reader = database.OpenReader();
        if (r.Method != "POST" && scope != Scope.Local && NotModified(r, reader)) return;
        if (HttpMethods.IsHead(r.Method))
        {
            CouchHeaders.Apply(r.Response);
            return;
        }
        var writer = ViewRowsWriter.Start(r.Context, multi: false);
        await WriteResult(writer, reader, scope, options).ConfigureAwait(false);
        writer.EndResult();
        await writer.Finish().ConfigureAwait(false);
    }

    // GET checks `keys` before anything else is parsed (chttpd_db's qs_json_value).
    private static void CheckGetKeys(CouchRequest r)
    {
        if (r.Query("keys") is { } keys && QueryParam.FromText(keys).ToJson().ValueKind != JsonValueKind.Array)
            throw CouchException.BadRequest("`keys` parameter must be an array.");
    }

    // Body parameters first; the query string's override them (couch_mrview_http:parse_body_and_query).
    private static async Task<JsonDocument> ReadPostBody(CouchRequest r, ViewQueryOptions options)
    {
        var body = await JsonBody.ReadObject(r, requireJsonType: true).ConfigureAwait(false);
        if (body.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind != JsonValueKind.Array)
        {
            body.Dispose();
            throw CouchException.BadRequest("`keys` body member must be an array.");
        }
        options.ApplyJson(body.RootElement);
        return body;
    }

    // fabric_util:validate_all_docs_args: a map view's checks, and no partitions on this server.
    private static void Validate(ViewQueryOptions options)
    {
        options.ValidateMap();
        if (options.Partition is not null) throw QueryParam.Error("`partition` parameter is not supported on this db");
    }

    /// <summary>Meta and rows of one result set: a range fold, or one row per key.</summary>
    private static Task WriteResult(ViewRowsWriter writer, DbReader reader, Scope scope, ViewQueryOptions options) =>
        options.Keys is { } keys
            ? WriteKeys(writer, reader, scope, options, keys)
            : WriteRange(writer, reader, scope, options);

    // CouchJs gives _all_docs an ETag (CouchDB 1.x did): the snapshot's identity and the query.
    // _local_docs has none, as local writes do not move the update seq.
    private static bool NotModified(CouchRequest r, DbReader reader)
    {
        var header = reader.Header;
        string tag = $"{header.Uuid}|{header.UpdateSeq}|{header.PurgeSeq}|{r.Path.Join(1)}|{r.Http.QueryString.Value}";
        string etag = "\"" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(tag))) + "\"";
        if (!DocumentEndpoints.IfNoneMatch(r, etag))
        {
            r.Response.Headers.ETag = etag;
            return false;
        }
        DocumentEndpoints.NotModified(r, etag);
        return true;
    }
}
