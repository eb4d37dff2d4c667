using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// Database upkeep (chttpd_db): <c>_compact</c> and <c>_ensure_full_commit</c> here; the revs and
/// purge limits, the security object and purge in the files named after them.
/// </summary>
public static partial class MaintenanceEndpoints
{
    /// <summary>
    /// <c>POST /{db}/_compact</c>: 202 at once while the compaction runs in the background, shown in
    /// <c>_active_tasks</c>; asking again while one runs changes nothing (chttpd_db:handle_compact_req).
    /// </summary>
    public static async Task Compact(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        await r.ReadJsonBody(requireJsonType: true).ConfigureAwait(false);
        _ = database.Compact(r.Services.Tasks);
        await JsonResponse.Ok(r.Context, 202).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /{db}/_ensure_full_commit</c>: 201 <c>{"ok":true,"instance_start_time":…}</c>. Kept for old
    /// replicators; every write CouchJs acknowledged is already durable, so there is nothing to wait for.
    /// </summary>
    public static async Task EnsureFullCommit(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        await r.ReadJsonBody(requireJsonType: true).ConfigureAwait(false);
        string started = database.File.Header.CreatedMicros.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await JsonResponse.Write(r.Context, 201, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteString("instance_start_time", started);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
