using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Bulk;

/// <summary>Database setup shared by the bulk and _all_docs tests: a fresh database, JSON posts, documents written through _bulk_docs.</summary>
internal static class TestDb
{
    public static async Task<string> Create(HttpClient client, string prefix = "db")
    {
        string name = CouchServer.NewDbName(prefix);
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsync(name, null)).StatusCode);
        return name;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) => client.PostAsync(path, Json(json));

    /// <summary>Writes <paramref name="docsJson"/> (a JSON array); returns the 201 response's results.</summary>
    public static async Task<JsonArray> BulkDocs(HttpClient client, string db, string docsJson, bool newEdits = true)
    {
        string body = newEdits ? $$"""{"docs":{{docsJson}}}""" : $$"""{"docs":{{docsJson}},"new_edits":false}""";
        var results = await HttpAssert.Json(await Post(client, db + "/_bulk_docs", body), HttpStatusCode.Created);
        return results!.AsArray();
    }

    /// <summary>Creates one document per id (body <c>{"n":i}</c>); returns the new revs by id.</summary>
    public static async Task<Dictionary<string, string>> Put(HttpClient client, string db, params string[] ids)
    {
        var docs = new JsonArray();
        for (int i = 0; i < ids.Length; i++) docs.Add(new JsonObject { ["_id"] = ids[i], ["n"] = i });
        var results = await BulkDocs(client, db, docs.ToJsonString());
        return results.ToDictionary(r => (string)r!["id"]!, r => (string)r!["rev"]!);
    }

    public static async Task<string> Delete(HttpClient client, string db, string id, string rev)
    {
        var results = await BulkDocs(client, db, $$"""[{"_id":"{{id}}","_rev":"{{rev}}","_deleted":true}]""");
        return (string)results[0]!["rev"]!;
    }
}
