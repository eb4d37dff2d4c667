using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Documents;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Changes.ChangesKit;

namespace CouchJs.Http.Tests.Changes;

public sealed class ChangesNormalFeedTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Rows_come_in_couchdbs_line_layout_with_its_headers()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b");
        var response = await Client.GetAsync(db + "/_changes");
        Assert.Equal(Normal(2, 0, Row(1, "a", revs["a"]), Row(2, "b", revs["b"])), await Text(response));
        HttpAssert.CouchHeaders(response);
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task An_empty_database_has_an_empty_result_list() =>
        Assert.Equal("{\"results\":[\n\n],\n\"last_seq\":\"" + Seq(0) + "\",\"pending\":0}\n",
            await Text(await Client.GetAsync(await TestDb.Create(Client) + "/_changes")));

    [Fact]
    public async Task The_etag_follows_the_database_and_if_none_match_answers_304()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        var first = await Client.GetAsync(db + "/_changes");
        var etag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, db + "/_changes");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        await TestDb.Put(Client, db, "b");
        Assert.NotEqual(etag, (await Client.GetAsync(db + "/_changes")).Headers.ETag);
    }

    [Fact]
    public async Task Updates_and_deletions_appear_once_at_their_latest_seq()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b");
        string deleted = await TestDb.Delete(Client, db, "a", revs["a"]);
        Assert.Equal(Normal(3, 0, Row(2, "b", revs["b"]), Row(3, "a", deleted, deleted: true)),
            await Text(await Client.GetAsync(db + "/_changes")));
    }

    [Theory]
    [InlineData("since=2")]
    [InlineData("since=2-anything")]
    [InlineData("since=%222-anything%22")]
    [InlineData("last-event-id=2")]
    public async Task Since_takes_numbers_seq_strings_and_quoted_seqs(string query)
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b", "c");
        Assert.Equal(Normal(3, 0, Row(3, "c", revs["c"])), await Text(await Client.GetAsync($"{db}/_changes?{query}")));
    }

    [Fact]
    public async Task Since_a_seq_this_feed_gave_resumes_after_it()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b");
        string since = Uri.EscapeDataString(Seq(1));
        Assert.Equal(Normal(2, 0, Row(2, "b", revs["b"])), await Text(await Client.GetAsync($"{db}/_changes?since={since}")));
    }

    [Fact]
    public async Task Since_now_starts_at_the_current_seq()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a", "b");
        Assert.Equal(Normal(2, 0), await Text(await Client.GetAsync(db + "/_changes?since=now")));
    }

    [Fact]
    public async Task Limit_leaves_the_rest_pending()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b", "c", "d");
        Assert.Equal(Normal(2, 2, Row(1, "a", revs["a"]), Row(2, "b", revs["b"])), await Text(await Client.GetAsync(db + "/_changes?limit=2")));
        Assert.Equal(Normal(1, 3), await Text(await Client.GetAsync(db + "/_changes?limit=0&since=1")));
    }

    [Fact]
    public async Task Descending_with_limit_goes_down_from_the_top_ignoring_since()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b", "c");
        Assert.Equal(Normal(2, 1, Row(3, "c", revs["c"]), Row(2, "b", revs["b"])),
            await Text(await Client.GetAsync(db + "/_changes?descending=true&limit=2&since=1")));
        Assert.Equal(Normal(1, 0, Row(3, "c", revs["c"]), Row(2, "b", revs["b"]), Row(1, "a", revs["a"])),
            await Text(await Client.GetAsync(db + "/_changes?descending=true")));
    }

    [Fact]
    public async Task Style_all_docs_lists_every_leaf_winner_first()
    {
        string db = await TestDb.Create(Client);
        await TestDb.BulkDocs(Client, db, """[{"_id":"x","_rev":"1-aaaa","v":1},{"_id":"x","_rev":"1-bbbb","v":2}]""", newEdits: false);
        Assert.Equal(Normal(1, 0, Row(1, "x", "1-bbbb")), await Text(await Client.GetAsync(db + "/_changes")));
        Assert.Equal(Normal(1, 0, $$"""{"seq":"{{Seq(1)}}","id":"x","changes":[{"rev":"1-bbbb"},{"rev":"1-aaaa"}]}"""),
            await Text(await Client.GetAsync(db + "/_changes?style=all_docs")));
    }

    [Fact]
    public async Task Include_docs_adds_the_winning_document_with_conflicts_on_request()
    {
        string db = await TestDb.Create(Client);
        await TestDb.BulkDocs(Client, db, """[{"_id":"x","_rev":"1-aaaa","v":1},{"_id":"x","_rev":"1-bbbb","v":2}]""", newEdits: false);
        string plain = $$$"""{"seq":"{{{Seq(1)}}}","id":"x","changes":[{"rev":"1-bbbb"}],"doc":{"_id":"x","_rev":"1-bbbb","v":2}}""";
        Assert.Equal(Normal(1, 0, plain), await Text(await Client.GetAsync(db + "/_changes?include_docs=true")));
        string withConflicts = $$$"""{"seq":"{{{Seq(1)}}}","id":"x","changes":[{"rev":"1-bbbb"}],"doc":{"_id":"x","_rev":"1-bbbb","v":2,"_conflicts":["1-aaaa"]}}""";
        Assert.Equal(Normal(1, 0, withConflicts), await Text(await Client.GetAsync(db + "/_changes?include_docs=true&conflicts=true")));
        Assert.Equal(Normal(1, 0, Row(1, "x", "1-bbbb")), await Text(await Client.GetAsync(db + "/_changes?conflicts=true")));
    }

    [Fact]
    public async Task Include_docs_shows_deleted_documents_and_attachment_options()
    {
        string db = await TestDb.Create(Client);
        string rev = await DocKit.Put(Client, db + "/att", """{"_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ="}}}""");
        var stub = await Rows(db + "/_changes?include_docs=true");
        var attachment = stub[0]!["doc"]!["_attachments"]!["a.txt"]!;
        Assert.Equal(["content_type", "revpos", "digest", "length", "stub"], attachment.AsObject().Select(m => m.Key));
        Assert.Equal(23, (int)attachment["length"]!);
        var inline = await Rows(db + "/_changes?include_docs=true&attachments=true");
        Assert.Equal("aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=", (string?)inline[0]!["doc"]!["_attachments"]!["a.txt"]!["data"]);
        var encoded = await Rows(db + "/_changes?include_docs=true&att_encoding_info=true");
        Assert.Equal("gzip", (string?)encoded[0]!["doc"]!["_attachments"]!["a.txt"]!["encoding"]);
        var deleted = await TestDb.Delete(Client, db, "att", rev);
        var row = (await Rows(db + "/_changes?include_docs=true"))[0]!;
        Assert.Equal($$"""{"_id":"att","_rev":"{{deleted}}","_deleted":true}""", row["doc"]!.ToJsonString());
        Assert.True((bool)row["deleted"]!);
    }

    [Fact]
    public async Task Seq_interval_leaves_most_seqs_null()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a", "b", "c", "d");
        var rows = await Rows(db + "/_changes?seq_interval=2&limit=4");
        Assert.Equal([Seq(1), null, Seq(3), null], rows.Select(r => (string?)r!["seq"]));
        var body = await HttpAssert.Json(await Client.GetAsync(db + "/_changes?seq_interval=2&limit=4"), HttpStatusCode.OK);
        Assert.Equal(Seq(4), (string?)body!["last_seq"]);
    }

    [Fact]
    public async Task Head_answers_with_headers_only()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, db + "/_changes"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.NotNull(head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_large_feed_streams_every_row()
    {
        string db = await TestDb.Create(Client);
        var docs = new JsonArray();
        for (int i = 0; i < 3000; i++) docs.Add(new JsonObject { ["_id"] = $"doc{i:D5}", ["payload"] = new string('x', 40) });
        await TestDb.BulkDocs(Client, db, docs.ToJsonString());
        var body = await HttpAssert.Json(await Client.GetAsync(db + "/_changes?include_docs=true"), HttpStatusCode.OK);
        var results = body!["results"]!.AsArray();
        Assert.Equal(3000, results.Count);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"doc{i:D5}"), results.Select(r => (string)r!["id"]!));
        Assert.All(results, r => Assert.Equal((string)r!["id"]!, (string)r!["doc"]!["_id"]!));
    }

    private async Task<JsonArray> Rows(string path) =>
        (await HttpAssert.Json(await Client.GetAsync(path), HttpStatusCode.OK))!["results"]!.AsArray();
}
