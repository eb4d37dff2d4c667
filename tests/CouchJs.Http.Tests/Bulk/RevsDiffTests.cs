using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Bulk;

public sealed class RevsDiffTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    // c: 1-aaaa → {2-bbbb, 2-cccc (deleted)}, and a second root 1-zzzz; a: one revision.
    private async Task<(string Db, string ARev)> Setup()
    {
        string db = await TestDb.Create(Client);
        await TestDb.BulkDocs(Client, db, """
            [{"_id":"c","_revisions":{"start":2,"ids":["bbbb","aaaa"]},"v":"b"},
             {"_id":"c","_revisions":{"start":2,"ids":["cccc","aaaa"]},"_deleted":true},
             {"_id":"c","_rev":"1-zzzz","v":"z"}]
            """, newEdits: false);
        var revs = await TestDb.Put(Client, db, "a");
        return (db, revs["a"]);
    }

    [Fact]
    public async Task Revs_diff_lists_missing_revs_and_possible_ancestors()
    {
        var (db, aRev) = await Setup();
        var response = await TestDb.Post(Client, db + "/_revs_diff", $$"""
            {"c":["2-bbbb","3-dddd","1-aaaa","2-eeee"],"nope":["1-x","2-y"],"a":["{{aRev}}"],"d":["1-q"]}
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssert.CouchHeaders(response);
        // Ancestors in doc_info order: live leaves first, each group newest first.
        Assert.Equal(
            """{"c":{"missing":["3-dddd","2-eeee"],"possible_ancestors":["2-bbbb","1-zzzz","2-cccc"]},"nope":{"missing":["1-x","2-y"]},"d":{"missing":["1-q"]}}"""
            + "\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ancestors_are_only_leaves_older_than_the_newest_missing_rev()
    {
        var (db, _) = await Setup();
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_revs_diff", """{"c":["1-new"]}"""), HttpStatusCode.OK,
            """{"c":{"missing":["1-new"]}}""");
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_revs_diff", """{"c":["2-new"]}"""), HttpStatusCode.OK,
            """{"c":{"missing":["2-new"],"possible_ancestors":["1-zzzz"]}}""");
    }

    [Fact]
    public async Task Missing_revs_lists_only_what_is_missing()
    {
        var (db, aRev) = await Setup();
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_missing_revs", $$"""{"c":["2-cccc","4-f"],"a":["{{aRev}}"],"n":["1-n"]}"""),
            HttpStatusCode.OK, """{"missing_revs":{"c":["4-f"],"n":["1-n"]}}""");
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_missing_revs", "{}"), HttpStatusCode.OK, """{"missing_revs":{}}""");
    }

    [Theory]
    [InlineData("_revs_diff", """{"c":["nope"]}""", "Invalid rev format")]
    [InlineData("_missing_revs", """{"c":[1]}""", "Invalid rev format")]
    [InlineData("_revs_diff", "[]", "Request body must be a JSON object")]
    [InlineData("_missing_revs", "{", "invalid UTF-8 JSON")]
    public async Task Bad_bodies_are_400(string resource, string body, string reason)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await TestDb.Post(Client, $"{db}/{resource}", body), HttpStatusCode.BadRequest, "bad_request", reason);
    }
}
