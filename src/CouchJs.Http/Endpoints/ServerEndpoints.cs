using System.Text.Json;
using CouchJs.Database;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

/// <summary>Server-level resources: welcome, <c>_up</c>, <c>_uuids</c>, <c>_all_dbs</c>, <c>_dbs_info</c>, <c>_active_tasks</c>, favicon.</summary>
public static class ServerEndpoints
{
    public const string Version = "3.4.3";

    public static Task Welcome(CouchRequest r) => JsonResponse.Write(r.Context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteString("couchdb", "Welcome");
        w.WriteString("version", Version);
        w.WriteString("git_sha", "couchjs");
        w.WriteString("uuid", r.Services.ServerUuid);
        w.WriteStartArray("features");
        foreach (string feature in (string[])["access-ready", "pluggable-storage-engines", "scheduler"]) w.WriteStringValue(feature);
        w.WriteEndArray();
        w.WriteStartObject("vendor");
        w.WriteString("name", "CouchJs");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static Task Up(CouchRequest r) => JsonResponse.Write(r.Context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteString("status", "ok");
        w.WriteEndObject();
    });

    public static Task Uuids(CouchRequest r)
    {
        // couch_httpd_misc_handlers: a negative or non-integer count, then one above [uuids] max_count; 0 gives none.
        long count = long.TryParse(r.Query("count") ?? "1", System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out long n) ? n : -1;
        if (count < 0) throw CouchException.BadRequest("count must be a positive integer");
        if (count > r.Services.Config.GetLong("uuids", "max_count", 1000)) throw CouchException.BadRequest("count parameter too large");
        r.Response.Headers.ETag = "\"" + Guid.NewGuid().ToString("N") + "\"";
        r.Response.Headers.CacheControl = "no-cache";
        r.Response.Headers.Pragma = "no-cache";
        r.Response.Headers.Expires = "Mon, 01 Jan 1990 00:00:00 GMT";
        return JsonResponse.Write(r.Context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("uuids");
            for (long i = 0; i < count; i++) w.WriteStringValue(r.Services.Uuids.Next());
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static Task AllDbs(CouchRequest r)
    {
        var names = ListNames(r, r.Services.Databases.AllNames());
        return JsonResponse.Write(r.Context, 200, w =>
        {
            w.WriteStartArray();
            foreach (string name in names) w.WriteStringValue(name);
            w.WriteEndArray();
        });
    }

    /// <summary><c>GET /_dbs_info</c> (with _all_dbs's paging) or <c>POST</c> with <c>{"keys": [...]}</c>.</summary>
    public static async Task DbsInfo(CouchRequest r)
    {
        IReadOnlyList<string> names;
        if (r.Method == "POST")
        {
            var body = await r.ReadJsonBody(requireJsonType: true).ConfigureAwait(false);
            names = ReadKeys(body);
            long max = r.Services.Config.GetLong("chttpd", "max_db_number_for_dbs_info_req", 100);
            if (names.Count > max) throw CouchException.BadRequest("`keys` member must have at most " + max + " elements");
        }
        else names = ListNames(r, r.Services.Databases.AllNames());
        var infos = new List<(string Name, DatabaseInfo? Info)>(names.Count);
        foreach (string name in names)
            infos.Add((name, r.Services.Databases.TryOpen(name) is { } db ? DatabaseInfo.Read(db) : null));
        await JsonResponse.Write(r.Context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var (name, info) in infos)
            {
                w.WriteStartObject();
                w.WriteString("key", name);
                if (info is null) w.WriteString("error", "not_found");
                else
                {
                    w.WritePropertyName("info");
                    info.Write(w);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private static List<string> ReadKeys(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw CouchException.BadRequest("Request body must be a JSON object");
            if (!doc.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
                throw CouchException.BadRequest("`keys` member must exist.");
            return [.. keys.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => k.GetString()!)];
        }
        catch (JsonException)
        {
            throw CouchException.BadRequest("invalid UTF-8 JSON");
        }
    }

    // _all_dbs parameters: descending, startkey/start_key, endkey/end_key, inclusive_end, skip, limit (JSON strings).
    private static List<string> ListNames(CouchRequest r, IReadOnlyList<string> all)
    {
        bool descending = r.Bool("descending");
        string? start = JsonString(r, "startkey") ?? JsonString(r, "start_key");
        string? end = JsonString(r, "endkey") ?? JsonString(r, "end_key");
        bool inclusiveEnd = r.Bool("inclusive_end", true);
        long skip = r.Long("skip") ?? 0;
        long limit = r.Long("limit") ?? long.MaxValue;
        if (skip < 0) throw CouchRequest.QueryError("Invalid value for skip: must be a non-negative integer");
        if (limit < 0) throw CouchRequest.QueryError("Invalid value for limit: must be a non-negative integer");
        IEnumerable<string> names = descending ? all.Reverse() : all;
        int sign = descending ? -1 : 1;
        if (start is not null) names = names.Where(n => sign * string.CompareOrdinal(n, start) >= 0);
        if (end is not null) names = names.Where(n => inclusiveEnd ? sign * string.CompareOrdinal(n, end) <= 0 : sign * string.CompareOrdinal(n, end) < 0);
        return [.. names.Skip((int)Math.Min(skip, int.MaxValue)).Take((int)Math.Min(limit, int.MaxValue))];
    }

    private static string? JsonString(CouchRequest r, string name) =>
        r.Json(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static Task ActiveTasks(CouchRequest r)
    {
        var tasks = r.Services.Tasks.All();
        return JsonResponse.Write(r.Context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var task in tasks)
            {
                // node, pid and process_status first, as chttpd_misc and couch_task_status put them;
                // then the task's own properties sorted by name (couch_task_status keeps them ukeysorted).
                w.WriteStartObject();
                w.WriteString("node", "nonode@nohost");
                w.WriteString("pid", task.Pid);
                w.WriteString("process_status", "running");
                w.WriteNumber("changes_done", task.ChangesDone);
                w.WriteString("database", task.Database);
                if (task.DesignDocument is { } ddoc) w.WriteString("design_document", ddoc);
                if (task.IndexerPid is { } indexerPid) w.WriteString("indexer_pid", indexerPid);
                if (task.Phase.Length > 0) w.WriteString("phase", task.Phase);
                w.WriteNumber("progress", task.Progress);
                w.WriteNumber("started_on", task.StartedOn);
                w.WriteNumber("total_changes", task.TotalChanges);
                w.WriteString("type", task.Type);
                w.WriteNumber("updated_on", task.UpdatedOn);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    // A tiny transparent icon, so browsers asking for one get an image (CouchDB serves Fauxton's).
    private static readonly byte[] Icon = Convert.FromBase64String(
        "AAABAAEAAQEAAAEAIAAwAAAAFgAAACgAAAABAAAAAgAAAAEAIAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==");

    public static async Task Favicon(CouchRequest r)
    {
        r.Response.StatusCode = 200;
        r.Response.ContentType = "image/x-icon";
        r.Response.Headers.CacheControl = "max-age=31536000";
        r.Response.ContentLength = Icon.Length;
        if (r.Method != "HEAD") await r.Response.Body.WriteAsync(Icon, r.Aborted).ConfigureAwait(false);
    }
}
