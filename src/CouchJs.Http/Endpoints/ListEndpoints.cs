using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.DesignFunctions.Engines;
using CouchJs.DesignFunctions.Lists;
using CouchJs.Http.DesignFunctions;
using CouchJs.Http.Queries;
using CouchJs.Http.Responses;
using CouchJs.QueryServers;
using CouchJs.Views.Design;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/{db}/_design/{ddoc}/_list/{list}/{view}</c> and <c>…/_list/{list}/{other-ddoc}/{view}</c>
/// (chttpd_show:handle_view_list_req): GET/HEAD with the view's query parameters, POST with a JSON body
/// whose <c>keys</c> are the keys to read. The list must exist (404 <c>missing json key: …</c>), then
/// the view as a view query checks it. The list function starts with the head (<c>total_rows</c>,
/// <c>offset</c>, or nothing for reduced rows; <c>update_seq</c> when asked), pulls the rows one by
/// one and its answers stream out as they come (<see cref="ListResponseWriter"/>). An ETag over the
/// view's version, the query, the list's design doc, Accept and the user makes If-None-Match a 304.
/// </summary>
public static partial class ListEndpoints
{
    public static async Task List(CouchRequest r, string db, string ddocName)
    {
        var path = r.Path;
        var database = DatabaseEndpoints.Open(r, db);
        var functions = r.Services.DesignFunctions;
        var listDdoc = functions.Designs.Current(database).Get("_design/" + ddocName);
        if (r.Method is not ("GET" or "HEAD" or "POST" or "OPTIONS"))
        {
            r.Response.Headers.Allow = "GET,POST,HEAD";
            throw new CouchException(405, "method_not_allowed", "Only GET,POST,HEAD allowed");
        }
        if (path.Count is not (6 or 7)) throw new CouchException(404, "list_error", "Invalid path.");
        string listName = path[4];
        listDdoc.Require("lists", listName);
        string viewDdoc = path.Count == 7 ? path[5] : ddocName;
        string viewName = path[^1];

        var options = new ViewQueryOptions { SingleKeysAsKey = true };
        byte[]? body = r.Method == "POST" ? await ReadPostKeys(r, options).ConfigureAwait(false) : await FunctionRequests.ReadBody(r).ConfigureAwait(false);
        options.ApplyQueryString(r.Http.QueryString);
        var design = r.Services.Views.GetDesignDocument(database, "_design/" + viewDdoc);
        var view = ViewEndpoints.Find(design, viewName);
        var query = ViewEndpoints.Prepare(options, view);
        using var snapshot = await ViewEndpoints.Snapshot(r, database, design, options.Update).ConfigureAwait(false);

        string etag = FunctionETag.Of(r, listDdoc.Rev, snapshot.Signature, snapshot.UpdateSeq.ToString(), snapshot.PurgeSeq.ToString(),
            path.Join(0), r.Http.QueryString.Value, options.IncludeDocs ? database.UpdateSeq.ToString() : null);
        if (DocumentEndpoints.IfNoneMatch(r, etag))
        {
            DocumentEndpoints.NotModified(r, etag);
            return;
        }
        var rows = new ListRows(database, snapshot, view, query, options, r.Aborted);
        var req = FunctionRequests.Full(r, database, body, null);
        await using var run = await functions.StartList(database, listDdoc, listName, rows.Head(), req, r.Aborted).ConfigureAwait(false);
        var writer = new ListResponseWriter(r, etag);
        await Stream(run, rows, writer).ConfigureAwait(false);
    }

    // The rows one by one until the list ends; its errors after the start go into the stream.
    private static async Task Stream(ListRun run, ListRows rows, ListResponseWriter writer)
    {
        try
        {
            await writer.Apply(run.First).ConfigureAwait(false);
            await foreach (var row in rows.Rows().ConfigureAwait(false))
            {
                var step = await run.Row(row).ConfigureAwait(false);
                await writer.Apply(step).ConfigureAwait(false);
                if (step.Ended)
                {
                    await writer.Finish().ConfigureAwait(false);
                    return;
                }
            }
            await writer.Apply(await run.End().ConfigureAwait(false)).ConfigureAwait(false);
            await writer.Finish().ConfigureAwait(false);
        }
        catch (QueryServerException e)
        {
            await writer.Fail(FunctionErrors.ToCouch(e)).ConfigureAwait(false);
        }
        catch (CouchException e)
        {
            await writer.Fail(e).ConfigureAwait(false);
        }
    }

    // POST: a JSON object body whose keys (only) are the keys to read (chttpd_show), then the query string.
    private static async Task<byte[]> ReadPostKeys(CouchRequest r, ViewQueryOptions options)
    {
        byte[] body = await r.ReadJsonBody(requireJsonType: true).ConfigureAwait(false);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = CouchJson.ReaderOptions.MaxDepth });
        }
        catch (JsonException)
        {
            throw DocParser.InvalidJson();
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw JsonBody.NotAnObject();
            if (doc.RootElement.TryGetProperty("keys", out var keys))
                options.ApplyJson(JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { ["keys"] = keys }));
        }
        return body;
    }
}
