using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

// GET/PUT /{db}/_revs_limit and /{db}/_purged_infos_limit: a bare JSON number both ways.
public static partial class MaintenanceEndpoints
{
    public static Task RevsLimit(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        if (r.Method != "PUT") return WriteNumber(r, database.File.Header.RevsLimit);
        return SetLimit(r, database.SetRevsLimit, RevsLimitError);
    }

    public static Task PurgedInfosLimit(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        if (r.Method != "PUT") return WriteNumber(r, database.File.Header.PurgeInfosLimit);
        return SetLimit(r, database.SetPurgeInfosLimit, _ => CouchException.BadRequest("`purged_infos_limit` must be positive integer"));
    }

    // A non-integer is couch_httpd_db's "Rev limit has to be an integer"; a non-positive one is the
    // invalid_revs_limit couch_db:set_revs_limit throws (CouchDB answers both 500 through fabric).
    private static CouchException RevsLimitError(JsonElement value) =>
        CouchException.BadRequest(value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _) ? "invalid_revs_limit" : "Rev limit has to be an integer");

    private static async Task SetLimit(CouchRequest r, Func<int, Task> set, Func<JsonElement, CouchException> invalid)
    {
        var body = await r.ReadBody().ConfigureAwait(false);
        int limit;
        try
        {
            using var json = JsonDocument.Parse(body);
            var value = json.RootElement;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out limit) || limit <= 0) throw invalid(value);
        }
        catch (JsonException)
        {
            throw DocParser.InvalidJson();
        }
        await set(limit).ConfigureAwait(false);
        await JsonResponse.Ok(r.Context).ConfigureAwait(false);
    }

    private static Task WriteNumber(CouchRequest r, int value) => JsonResponse.Write(r.Context, 200, w => w.WriteNumberValue(value));
}
