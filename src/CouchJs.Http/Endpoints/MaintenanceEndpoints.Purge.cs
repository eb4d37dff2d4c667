using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Revisions;
using CouchJs.Database.Writing;
using CouchJs.Http.Queries;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

// POST /{db}/_purge and GET /{db}/_purged_infos (chttpd_db, fabric_doc_purge, fabric_db_purged_infos).
public static partial class MaintenanceEndpoints
{
    /// <summary><c>{"id":["rev",…]}</c> → 201 <c>{"purge_seq":null,"purged":{"id":[revs removed]}}</c>.</summary>
    public static async Task Purge(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        var requests = await ReadPurgeRequests(r).ConfigureAwait(false);
        var purged = await database.Purge(requests).ConfigureAwait(false);
        await JsonResponse.Write(r.Context, 201, w =>
        {
            w.WriteStartObject();
            w.WriteNull("purge_seq");
            w.WriteStartObject("purged");
            for (int i = 0; i < requests.Count; i++)
            {
                w.WriteStartArray(requests[i].Id);
                foreach (var rev in purged[i]) w.WriteStringValue(rev.ToString());
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // A repeated id keeps its last list, as CouchDB's JSON decoder does; the [purge] limits count
    // documents and revisions as chttpd_db does, repeats included.
    private static async Task<List<PurgeRequest>> ReadPurgeRequests(CouchRequest r)
    {
        using var body = await JsonBody.ReadObject(r, requireJsonType: true).ConfigureAwait(false);
        var byId = new Dictionary<string, List<Rev>>(StringComparer.Ordinal);
        int revCount = 0;
        foreach (var member in body.RootElement.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.Array) throw CouchException.BadRequest("Invalid list of revisions");
            var revs = new List<Rev>();
            foreach (var rev in member.Value.EnumerateArray())
                revs.Add(rev.ValueKind == JsonValueKind.String ? DocumentEndpoints.ParseRev(rev.GetString()!) : throw CouchException.BadRequest("Invalid rev format"));
            byId[member.Name] = revs;
            revCount += revs.Count;
        }
        var config = r.Services.Config;
        if (byId.Count > config.GetInt("purge", "max_document_id_number", 100))
            throw CouchException.BadRequest("Exceeded maximum number of documents.");
        if (revCount > config.GetInt("purge", "max_revisions_number", 1000))
            throw CouchException.BadRequest("Exceeded maximum number of revisions.");
        return [.. byId.Select(p => new PurgeRequest(p.Key, p.Value))];
    }

    /// <summary>
    /// <c>{"purged_infos":[{"id":…,"revs":[…]},…]}</c>: the purges the database still records, oldest
    /// first, each distinct id and revs once (fabric gathers them as a set).
    /// </summary>
    public static Task PurgedInfos(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        return JsonResponse.Write(r.Context, 200, w =>
        {
            using var reader = database.OpenReader();
            var seen = new HashSet<(string Id, string Revs)>();
            w.WriteStartObject();
            w.WriteStartArray("purged_infos");
            foreach (var (_, info) in reader.Trees.PurgeSeq.Enumerate())
            {
                if (!seen.Add((info.DocId, string.Join(',', info.Revs)))) continue;
                w.WriteStartObject();
                w.WriteString("id", info.DocId);
                w.WriteStartArray("revs");
                foreach (string rev in info.Revs) w.WriteStringValue(rev);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
