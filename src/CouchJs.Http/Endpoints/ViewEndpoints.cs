using System.Text.Json;
using CouchJs.Database;
using CouchJs.Http.Queries;
using CouchJs.Http.Responses;
using CouchJs.QueryServers;
using CouchJs.Views.Design;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>GET|HEAD|POST /{db}/_design/{ddoc}/_view/{view}</c> and <c>POST …/_view/{view}/queries</c>
/// (chttpd_view): parameters parsed and checked as couch_mrview does, the index brought up to date as
/// <c>update</c> asks, then rows streamed from one index version. GET answers carry an ETag (the
/// index version and the query) and honour If-None-Match.
/// </summary>
public static partial class ViewEndpoints
{
    public static async Task View(CouchRequest r, string db, string ddocName, string viewName)
    {
        var database = DatabaseEndpoints.Open(r, db);
        var options = new ViewQueryOptions { SingleKeysAsKey = true };
        using var body = r.Method == "POST" ? await ReadPostBody(r, options).ConfigureAwait(false) : null;
        options.ApplyQueryString(r.Http.QueryString);
        var design = r.Services.Views.GetDesignDocument(database, "_design/" + ddocName);
        var view = Find(design, viewName);
        var query = Prepare(options, view);

        using var snapshot = await Snapshot(r, database, design, options.Update).ConfigureAwait(false);
        if (r.Method != "POST" && NotModified(r, database, snapshot, options.IncludeDocs)) return;
        if (HttpMethods.IsHead(r.Method))
        {
            CouchHeaders.Apply(r.Response);
            return;
        }
        var writer = ViewRowsWriter.Start(r.Context, multi: false);
        await WriteResult(writer, database, snapshot, view, query, options, r.Aborted).ConfigureAwait(false);
        writer.EndResult();
        await writer.Finish().ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST …/_view/{view}/queries</c>: <c>{"queries":[{…},…]}</c> answered as <c>{"results":[…]}</c>;
    /// the query string is every query's base, and every query is checked before any row is sent.
    /// </summary>
    public static async Task Queries(CouchRequest r, string db, string ddocName, string viewName)
    {
        var database = DatabaseEndpoints.Open(r, db);
        var common = new ViewQueryOptions { SingleKeysAsKey = true };
        common.ApplyQueryString(r.Http.QueryString);
        using var body = await JsonBody.ReadObject(r, requireJsonType: true).ConfigureAwait(false);
        if (!body.RootElement.TryGetProperty("queries", out var queries))
            throw CouchException.BadRequest("POST body must include `queries` parameter.");
        if (queries.ValueKind != JsonValueKind.Array) throw CouchException.BadRequest("`queries` member must be an array.");
        var design = r.Services.Views.GetDesignDocument(database, "_design/" + ddocName);
        var view = Find(design, viewName);

        var all = new List<(ViewQueryOptions Options, Views.Querying.ViewQuery Query)>(queries.GetArrayLength());
        foreach (var item in queries.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw CouchException.BadRequest("Each query must be a JSON object.");
            var options = common.ForSubQuery();
            options.ApplyJson(item);
            all.Add((options, Prepare(options, view)));
        }

        var writer = ViewRowsWriter.Start(r.Context, multi: true);
        foreach (var (options, query) in all)
        {
            using var snapshot = await Snapshot(r, database, design, options.Update).ConfigureAwait(false);
            await WriteResult(writer, database, snapshot, view, query, options, r.Aborted).ConfigureAwait(false);
            writer.EndResult();
        }
        await writer.Finish().ConfigureAwait(false);
    }

    internal static ViewLookup Find(DesignDocument design, string viewName) =>
        design.TryFind(viewName, out var view) ? view : throw CouchException.NotFound("missing_named_view");

    // Body parameters first; the query string's override them (couch_mrview_http:parse_body_and_query).
    private static async Task<JsonDocument> ReadPostBody(CouchRequest r, ViewQueryOptions options)
    {
        var body = await JsonBody.ReadObject(r, requireJsonType: true).ConfigureAwait(false);
        try
        {
            var root = body.RootElement;
            if (root.TryGetProperty("queries", out _))
                throw CouchException.BadRequest("The `queries` parameter is no longer supported at this endpoint");
            if (root.TryGetProperty("keys", out var keys) && keys.ValueKind != JsonValueKind.Array)
                throw CouchException.BadRequest("`keys` member must be an array.");
            options.ApplyJson(root);
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The index version to read. A query server's failure while the index updates (a map function
    /// that does not compile, a timeout) is CouchDB's 500 with the server's error and reason.
    /// </summary>
    internal static async Task<Views.Engine.ViewSnapshot> Snapshot(CouchRequest r, CouchDatabase database, DesignDocument design, string update)
    {
        try
        {
            return await r.Services.Views.OpenSnapshot(database, design, update, r.Aborted).ConfigureAwait(false);
        }
        catch (QueryServerException e)
        {
            throw new CouchException(500, e.Error, e.Reason);
        }
    }
}
