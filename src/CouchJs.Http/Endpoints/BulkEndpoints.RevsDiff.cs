using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Http.Queries;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

// POST /{db}/_revs_diff and /{db}/_missing_revs: {"id":["rev",…],…} → the revs the database lacks
// (couch_db:get_missing_revs through fabric_doc_missing_revs, which leaves out documents lacking none).
public static partial class BulkEndpoints
{
    /// <summary><c>{"id":{"missing":[…],"possible_ancestors":[…]}}</c>; possible ancestors only when there are some.</summary>
    public static async Task RevsDiff(CouchRequest r, string db)
    {
        var missing = await FindMissing(r, db).ConfigureAwait(false);
        await JsonResponse.Write(r.Context, 200, w =>
        {
            w.WriteStartObject();
            foreach (var (id, revs, ancestors) in missing)
            {
                w.WriteStartObject(id);
                WriteRevs(w, "missing", revs);
                if (ancestors.Count > 0) WriteRevs(w, "possible_ancestors", ancestors);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary><c>{"missing_revs":{"id":[…]}}</c>.</summary>
    public static async Task MissingRevs(CouchRequest r, string db)
    {
        var missing = await FindMissing(r, db).ConfigureAwait(false);
        await JsonResponse.Write(r.Context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("missing_revs");
            foreach (var (id, revs, _) in missing) WriteRevs(w, id, revs);
            w.WriteEndObject();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task<List<(string Id, IReadOnlyList<Rev> Missing, List<Rev> Ancestors)>> FindMissing(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        var asked = await ReadIdRevs(r).ConfigureAwait(false);
        using var reader = database.OpenReader();
        var infos = reader.Get(asked.Keys.ToList());
        var result = new List<(string, IReadOnlyList<Rev>, List<Rev>)>();
        int i = 0;
        foreach (var (id, revs) in asked)
        {
            var info = infos[i++];
            var missing = info is null ? revs : info.Tree.FindMissing(revs);
            if (missing.Count > 0) result.Add((id, missing, info is null ? [] : PossibleAncestors(info, missing)));
        }
        return result;
    }

    // couch_db:possible_ancestors: the leaves (in doc_info order) below the newest missing rev.
    private static List<Rev> PossibleAncestors(DocInfo info, IReadOnlyList<Rev> missing)
    {
        long newest = 0;
        foreach (var rev in missing) newest = Math.Max(newest, rev.Pos);
        var ancestors = new List<Rev>();
        foreach (var leaf in info.SortedLeaves())
            if (leaf.Rev.Pos < newest) ancestors.Add(leaf.Rev);
        return ancestors;
    }

    // A repeated id keeps its last list, as CouchDB's JSON decoder does.
    private static async Task<Dictionary<string, List<Rev>>> ReadIdRevs(CouchRequest r)
    {
        using var body = await JsonBody.ReadObject(r, requireJsonType: true).ConfigureAwait(false);
        var asked = new Dictionary<string, List<Rev>>(StringComparer.Ordinal);
        foreach (var member in body.RootElement.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.Array) throw CouchException.BadRequest("Invalid list of revisions");
            var revs = new List<Rev>(member.Value.GetArrayLength());
            foreach (var rev in member.Value.EnumerateArray())
                revs.Add(rev.ValueKind == JsonValueKind.String ? DocumentEndpoints.ParseRev(rev.GetString()!) : throw CouchException.BadRequest("Invalid rev format"));
            asked[member.Name] = revs;
        }
        return asked;
    }

    private static void WriteRevs(Utf8JsonWriter w, string name, IReadOnlyList<Rev> revs)
    {
        w.WriteStartArray(name);
        foreach (var rev in revs) w.WriteStringValue(rev.ToString());
        w.WriteEndArray();
    }
}
