using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Bulk;

public sealed class BulkGetTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    // c: 1-aaaa (known by id only) with children 2-bbbb and 2-cccc, and a second root 1-zzzz.
    private async Task<string> ConflictedDb()
    {
        string db = await TestDb.Create(Client);
        await TestDb.BulkDocs(Client, db, """
            [{"_id":"c","_revisions":{"start":2,"ids":["bbbb","aaaa"]},"v":"b"},
             {"_id":"c","_revisions":{"start":2,"ids":["cccc","aaaa"]},"v":"c"},
             {"_id":"c","_rev":"1-zzzz","v":"z"}]
            """, newEdits: false);
        return db;
    }

    [Fact]
    public async Task Without_a_rev_every_leaf_comes_back_in_tree_order()
    {
        string db = await ConflictedDb();
        var response = await TestDb.Post(Client, db + "/_bulk_get", """{"docs":[{"id":"c"}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssert.CouchHeaders(response);
        Assert.Equal(
            """{"results":[{"id":"c","docs":[{"ok":{"_id":"c","_rev":"1-zzzz","v":"z"}},{"ok":{"_id":"c","_rev":"2-bbbb","v":"b"}},{"ok":{"_id":"c","_rev":"2-cccc","v":"c"}}]}]}"""
            + "\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revs_adds_each_revisions_history()
    {
        string db = await ConflictedDb();
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_bulk_get?revs=true", """{"docs":[{"id":"c","rev":"2-bbbb"}]}"""),
            HttpStatusCode.OK,
            """{"results":[{"id":"c","docs":[{"ok":{"_id":"c","_rev":"2-bbbb","v":"b","_revisions":{"start":2,"ids":["bbbb","aaaa"]}}}]}]}""");
    }

    [Fact]
    public async Task Latest_follows_a_rev_to_its_leaves()
    {
        string db = await ConflictedDb();
        const string body = """{"docs":[{"id":"c","rev":"1-aaaa"}]}""";
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_bulk_get", body), HttpStatusCode.OK,
            """{"results":[{"id":"c","docs":[{"error":{"rev":"1-aaaa","reason":"missing","id":"c","error":"not_found"}}]}]}""");
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_bulk_get?latest=true", body), HttpStatusCode.OK,
            """{"results":[{"id":"c","docs":[{"ok":{"_id":"c","_rev":"2-bbbb","v":"b"}},{"ok":{"_id":"c","_rev":"2-cccc","v":"c"}}]}]}""");
    }

    [Fact]
    public async Task Each_entry_fails_on_its_own_with_couchdbs_error_maps()
    {
        string db = await ConflictedDb();
        var response = await TestDb.Post(Client, db + "/_bulk_get", """
            {"docs":[{"id":"nope"},{"id":"nope","rev":"1-abc"},{"id":"c","rev":"bad"},{"id":"_x"},{"rev":"1-a"},5,{},
                     {"id":"c","atts_since":"x"},{"id":"c","atts_since":["1-zzzz",7]},{"id":"c","rev":"9-none"}]}
            """);
        Assert.Equal(
            """{"results":["""
            + """{"id":"nope","docs":[{"error":{"rev":"undefined","reason":"missing","id":"nope","error":"not_found"}}]},"""
            + """{"id":"nope","docs":[{"error":{"rev":"1-abc","reason":"missing","id":"nope","error":"not_found"}}]},"""
            + """{"id":"c","docs":[{"error":{"rev":"bad","reason":"Invalid rev format","id":"c","error":"bad_request"}}]},"""
            + """{"id":"_x","docs":[{"error":{"rev":null,"reason":"Only reserved document ids may start with underscore.","id":"_x","error":"illegal_docid"}}]},"""
            + """{"id":null,"docs":[{"error":{"rev":null,"reason":"document id missed","id":null,"error":"bad_request"}}]},"""
            + """{"id":null,"docs":[{"error":{"rev":null,"reason":"document must be a JSON object","id":null,"error":"bad_request"}}]},"""
            + """{"id":null,"docs":[{"error":{"rev":null,"reason":"document must be a JSON object","id":null,"error":"bad_request"}}]},"""
            + """{"id":"c","docs":[{"error":{"rev":"x","reason":"att_since value must be array of revs.","id":"c","error":"bad_request"}}]},"""
            + """{"id":"c","docs":[{"error":{"rev":7,"reason":"Invalid rev format","id":"c","error":"bad_request"}}]},"""
            + """{"id":"c","docs":[{"error":{"rev":"9-none","reason":"missing","id":"c","error":"not_found"}}]}"""
            + "]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Atts_since_sends_only_newer_attachments()
    {
        string db = await TestDb.Create(Client);
        var first = await TestDb.BulkDocs(Client, db, """[{"_id":"att","_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}]""");
        string rev1 = (string)first[0]!["rev"]!;
        var second = await TestDb.BulkDocs(Client, db, """
            [{"_id":"att","_rev":"REV1","_attachments":{"a.txt":{"stub":true},"b.bin":{"content_type":"application/octet-stream","data":"AAE="}}}]
            """.Replace("REV1", rev1, StringComparison.Ordinal));
        string rev2 = (string)second[0]!["rev"]!;

        var since = await HttpAssert.Json(
            await TestDb.Post(Client, db + "/_bulk_get", $$"""{"docs":[{"id":"att","rev":"{{rev2}}","atts_since":["{{rev1}}"]}]}"""),
            HttpStatusCode.OK);
        var atts = since!["results"]![0]!["docs"]![0]!["ok"]!["_attachments"]!;
        Assert.True((bool)atts["a.txt"]!["stub"]!);
        Assert.Equal("AAE=", (string?)atts["b.bin"]!["data"]);

        var stubs = await HttpAssert.Json(await TestDb.Post(Client, db + "/_bulk_get", """{"docs":[{"id":"att"}]}"""), HttpStatusCode.OK);
        atts = stubs!["results"]![0]!["docs"]![0]!["ok"]!["_attachments"]!;
        Assert.True((bool)atts["a.txt"]!["stub"]! && (bool)atts["b.bin"]!["stub"]!);

        var inline = await HttpAssert.Json(
            await TestDb.Post(Client, db + "/_bulk_get?attachments=true&att_encoding_info=true", """{"docs":[{"id":"att"}]}"""), HttpStatusCode.OK);
        atts = inline!["results"]![0]!["docs"]![0]!["ok"]!["_attachments"]!;
        Assert.Equal("aGVsbG8=", (string?)atts["a.txt"]!["data"]);
        Assert.Equal("gzip", (string?)atts["a.txt"]!["encoding"]);
    }

    [Theory]
    [InlineData("rev")]
    [InlineData("open_revs")]
    [InlineData("atts_since")]
    [InlineData("new_edits")]
    [InlineData("w")]
    public async Task Revision_parameters_in_the_query_are_refused(string name)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await TestDb.Post(Client, db + $"/_bulk_get?revs=true&{name}=x", """{"docs":[]}"""),
            HttpStatusCode.BadRequest, "bad_request", $"\"{name}\" query parameter is not acceptable");
    }

    [Fact]
    public async Task The_body_needs_a_docs_list()
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_bulk_get?rev=x", "{}"), HttpStatusCode.BadRequest,
            "bad_request", "Missing JSON list of 'docs'.");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_bulk_get", "[]"), HttpStatusCode.BadRequest,
            "bad_request", "Request body must be a JSON object");
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_bulk_get", """{"docs":[]}"""), HttpStatusCode.OK, """{"results":[]}""");
    }
}
