using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Bulk;

public sealed class BulkDocsTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Results_follow_the_request_order_with_successes_and_conflicts()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "existing");
        var response = await TestDb.Post(Client, db + "/_bulk_docs", $$"""
            {"docs":[{"_id":"new","v":1},{"_id":"existing","v":2},{"_id":"existing","_rev":"{{revs["existing"]}}","v":3},{"v":4}]}
            """);
        var results = (await HttpAssert.Json(response, HttpStatusCode.Created))!.AsArray();
        HttpAssert.CouchHeaders(response);
        Assert.Equal(4, results.Count);
        Assert.Equal(["ok", "id", "rev"], results[0]!.AsObject().Select(p => p.Key));
        Assert.True((bool)results[0]!["ok"]!);
        Assert.Equal("new", (string?)results[0]!["id"]);
        Assert.Matches(RevPattern(1), (string?)results[0]!["rev"]);
        Assert.Equal("""{"id":"existing","error":"conflict","reason":"Document update conflict."}""", results[1]!.ToJsonString());
        Assert.Matches(RevPattern(2), (string?)results[2]!["rev"]);
        Assert.Matches("^[0-9a-f]{32}$", (string?)results[3]!["id"]);

        var all = await HttpAssert.Json(await Client.GetAsync(db + "/_all_docs?include_docs=true&keys=%5B%22existing%22%5D"), HttpStatusCode.OK);
        Assert.Equal(3, (int)all!["rows"]![0]!["doc"]!["v"]!);
    }

    [Fact]
    public async Task The_same_id_twice_in_one_request_conflicts_the_second_time()
    {
        string db = await TestDb.Create(Client);
        var results = await TestDb.BulkDocs(Client, db, """[{"_id":"x","v":1},{"_id":"x","v":2}]""");
        Assert.True((bool)results[0]!["ok"]!);
        Assert.Equal("conflict", (string?)results[1]!["error"]);
    }

    [Fact]
    public async Task Deletions_and_updates_of_deleted_docs()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "d");
        string deleted = await TestDb.Delete(Client, db, "d", revs["d"]);
        Assert.Matches(RevPattern(2), deleted);
        var recreated = await TestDb.BulkDocs(Client, db, """[{"_id":"d","v":"again"}]""");
        Assert.Matches(RevPattern(3), (string?)recreated[0]!["rev"]);
    }

    [Fact]
    public async Task An_empty_list_writes_nothing()
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_bulk_docs", """{"docs":[]}"""), HttpStatusCode.Created, "[]");
    }

    [Fact]
    public async Task Replicated_revisions_are_stored_as_given_and_answer_nothing()
    {
        string db = await TestDb.Create(Client);
        var response = await TestDb.Post(Client, db + "/_bulk_docs", """
            {"new_edits":false,"docs":[
              {"_id":"r","_rev":"2-bbbb","_revisions":{"start":2,"ids":["bbbb","aaaa"]},"v":"b"},
              {"_id":"r","_revisions":{"start":3,"ids":["cccc","bbbb","aaaa"]},"v":"c"},
              {"_id":"r","_revisions":{"start":2,"ids":["dddd","aaaa"]},"v":"d"}]}
            """);
        Assert.Equal("[]\n", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var all = await HttpAssert.Json(await Client.GetAsync(db + "/_all_docs?include_docs=true&conflicts=true"), HttpStatusCode.OK);
        var row = all!["rows"]![0]!;
        Assert.Equal("3-cccc", (string?)row["value"]!["rev"]);
        Assert.Equal("""["2-dddd"]""", row["doc"]!["_conflicts"]!.ToJsonString());

        // The same revision again changes nothing and is no error.
        var again = await TestDb.BulkDocs(Client, db, """[{"_id":"r","_rev":"3-cccc","v":"c"}]""", newEdits: false);
        Assert.Empty(again);
    }

    [Fact]
    public async Task A_replicated_failure_names_its_revision()
    {
        string db = await TestDb.Create(Client);
        var results = await TestDb.BulkDocs(Client, db,
            """[{"_id":"s","_rev":"1-abcd","_attachments":{"a.txt":{"stub":true}}}]""", newEdits: false);
        Assert.Equal("""[{"id":"s","rev":"1-abcd","error":"missing_stub","reason":"Previous revision missing for document s"}]""",
            results.ToJsonString());
    }

    private static string RevPattern(int pos) => $"^{pos}-[0-9a-f]{{32}}$";
}
