using CouchJs.Database;
using CouchJs.Http.Responses;
using CouchJs.Http.Routing;
using CouchJs.Views.Engine;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// A design document's own resources (chttpd_db:handle_design_req): <c>_view</c> and <c>_info</c>
/// under <c>/{db}/_design/{ddoc}/</c> (every path under <c>_view</c> is one of them), plus <c>POST /{db}/_compact/{ddoc}</c> and
/// <c>POST /{db}/_view_cleanup</c>. Any other <c>_</c>-name under a design doc is an attachment, as in
/// CouchDB; the design doc must exist either way.
/// </summary>
public static class DesignDocEndpoints
{
    /// <summary>The handler for <c>/{db}/_design/{ddoc}/_…</c>, or null when the path is an attachment.</summary>
    public static Func<CouchRequest, Task>? Route(CouchRequest r, string db)
    {
        var path = r.Path;
        string ddoc = path[2];
        return path[3] switch
        {
            "_view" when path.Count == 5 => req => CouchRouter.Allow(req, "GET,POST", x => ViewEndpoints.View(x, db, ddoc, path[4]), "GET,POST,HEAD"),
            "_view" when path.Count == 6 && path[5] == "queries" => req => CouchRouter.Allow(req, "POST", x => ViewEndpoints.Queries(x, db, ddoc, path[4])),
            "_view" => req => NoViewHere(req, db, ddoc),
            "_info" when path.Count == 4 => req => CouchRouter.Allow(req, "GET", x => Info(x, db, ddoc)),
            _ => null,
        };
    }

    // chttpd_view's last clause: any other path under _view is 405, once the design doc is found.
    private static Task NoViewHere(CouchRequest r, string db, string ddoc)
    {
        r.Services.Views.GetDesignDocument(DatabaseEndpoints.Open(r, db), "_design/" + ddoc);
        throw CouchRouter.NotAllowed(r, "GET,POST,HEAD");
    }

    /// <summary><c>GET /{db}/_design/{ddoc}/_info</c>: the name and the index's view_index object.</summary>
    public static Task Info(CouchRequest r, string db, string ddoc)
    {
        var database = DatabaseEndpoints.Open(r, db);
        var design = r.Services.Views.GetDesignDocument(database, "_design/" + ddoc);
        var info = r.Services.Views.GetIndex(database, design).Info();
        return JsonResponse.Write(r.Context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("name", ddoc);
            w.WritePropertyName("view_index");
            WriteViewIndex(w, info);
            w.WriteEndObject();
        });
    }

    // Members in the order fabric_group_info merges them (reverse name order, updates_pending first).
    // One shard here: every pending count is the same number.
    private static void WriteViewIndex(System.Text.Json.Utf8JsonWriter w, ViewIndexInfo info)
    {
        w.WriteStartObject();
        w.WriteStartObject("updates_pending");
        w.WriteNumber("minimum", info.PendingUpdates);
        w.WriteNumber("preferred", info.PendingUpdates);
        w.WriteNumber("total", info.PendingUpdates);
        w.WriteEndObject();
        w.WriteBoolean("waiting_commit", false);
        w.WriteNumber("waiting_clients", info.WaitingClients);
        w.WriteBoolean("updater_running", info.UpdaterRunning);
        w.WriteNumber("update_seq", info.UpdateSeq);
        w.WriteStartObject("sizes");
        w.WriteNumber("file", info.FileSize);
        w.WriteNumber("external", info.ExternalSize);
        w.WriteNumber("active", info.ActiveSize);
        w.WriteEndObject();
        w.WriteString("signature", info.Signature);
        w.WriteNumber("purge_seq", info.PurgeSeq);
        w.WriteString("language", info.Language);
        w.WriteBoolean("compact_running", info.CompactRunning);
        w.WriteStartArray("collator_versions");
        w.WriteStringValue(CollatorInfo.Version);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>POST /{db}/_compact/{ddoc}</c>: 202 at once; the index compacts in the background, shown in
    /// <c>_active_tasks</c> as view_compaction. Like fabric:compact, a missing design doc is not an error.
    /// </summary>
    public static async Task Compact(CouchRequest r, string db, string ddoc)
    {
        var database = DatabaseEndpoints.Open(r, db);
        await r.ReadJsonBody(requireJsonType: true).ConfigureAwait(false);
        try
        {
            var design = r.Services.Views.GetDesignDocument(database, "_design/" + ddoc);
            r.Services.Views.GetIndex(database, design).StartCompaction();
        }
        catch (CouchException e) when (e.Status == 404)
        {
            // Nothing to compact.
        }
        await JsonResponse.Ok(r.Context, 202).ConfigureAwait(false);
    }

    /// <summary><c>POST /{db}/_view_cleanup</c>: 202; index files no current design doc uses are deleted.</summary>
    public static async Task Cleanup(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        await r.ReadJsonBody(requireJsonType: true).ConfigureAwait(false);
        await r.Services.Views.Cleanup(database).ConfigureAwait(false);
        await JsonResponse.Ok(r.Context, 202).ConfigureAwait(false);
    }
}
