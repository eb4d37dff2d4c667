using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.AllDocs;

public sealed class AllDocsFormatTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Rows_are_streamed_with_couchdbs_exact_bytes()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "b", "a");
        var response = await Client.GetAsync(db + "/_all_docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssert.CouchHeaders(response);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(
            "{\"total_rows\":2,\"offset\":0,\"rows\":[\r\n"
            + $"{{\"id\":\"a\",\"key\":\"a\",\"value\":{{\"rev\":\"{revs["a"]}\"}}}},\r\n"
            + $"{{\"id\":\"b\",\"key\":\"b\",\"value\":{{\"rev\":\"{revs["b"]}\"}}}}\r\n"
            + "]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_empty_database_has_an_empty_row_list() =>
        Assert.Equal("{\"total_rows\":0,\"offset\":0,\"rows\":[\r\n\r\n]}\n",
            await Client.GetStringAsync(await TestDb.Create(Client) + "/_all_docs"));

    [Fact]
    public async Task Include_docs_adds_each_winning_document()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a");
        string body = await Client.GetStringAsync(db + "/_all_docs?include_docs=true");
        Assert.Equal(
            "{\"total_rows\":1,\"offset\":0,\"rows\":[\r\n"
            + $"{{\"id\":\"a\",\"key\":\"a\",\"value\":{{\"rev\":\"{revs["a"]}\"}},\"doc\":{{\"_id\":\"a\",\"_rev\":\"{revs["a"]}\",\"n\":0}}}}\r\n"
            + "]}\n",
            body);
    }

    [Fact]
    public async Task Conflicts_and_attachments_shape_included_docs()
    {
        string db = await TestDb.Create(Client);
        await TestDb.BulkDocs(Client, db, """
            [{"_id":"c","_rev":"1-aaaa","v":1},{"_id":"c","_rev":"1-bbbb","v":2,
              "_attachments":{"t.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}]
            """, newEdits: false);
        var plain = await HttpAssert.Json(await Client.GetAsync(db + "/_all_docs?include_docs=true"), HttpStatusCode.OK);
        var doc = plain!["rows"]![0]!["doc"]!;
        Assert.Null(doc["_conflicts"]);
        Assert.True((bool)doc["_attachments"]!["t.txt"]!["stub"]!);

        var full = await HttpAssert.Json(
            await Client.GetAsync(db + "/_all_docs?include_docs=true&conflicts=true&attachments=true&att_encoding_info=true"), HttpStatusCode.OK);
        doc = full!["rows"]![0]!["doc"]!;
        Assert.Equal("""["1-aaaa"]""", doc["_conflicts"]!.ToJsonString());
        var att = doc["_attachments"]!["t.txt"]!;
        Assert.Equal("aGVsbG8=", (string?)att["data"]);
        Assert.Equal("gzip", (string?)att["encoding"]);
    }

    [Fact]
    public async Task Conflicts_without_include_docs_change_nothing()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        Assert.Equal(await Client.GetStringAsync(db + "/_all_docs"), await Client.GetStringAsync(db + "/_all_docs?conflicts=true"));
    }

    [Fact]
    public async Task Update_seq_is_reported_after_offset()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a", "b");
        string body = await Client.GetStringAsync(db + "/_all_docs?update_seq=true&limit=0");
        Assert.Matches("^\\{\"total_rows\":2,\"offset\":0,\"update_seq\":\"2-[^\"]+\",\"rows\":\\[\r\n\r\n\\]\\}\n$", body);
    }

    [Fact]
    public async Task Head_answers_the_headers_only()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, db + "/_all_docs"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Etag_answers_304_until_the_database_changes()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        var first = await Client.GetAsync(db + "/_all_docs?include_docs=true");
        var etag = first.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, db + "/_all_docs?include_docs=true");
        again.Headers.IfNoneMatch.Add(etag);
        var cached = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
        Assert.Equal(etag, cached.Headers.ETag);

        Assert.NotEqual(etag, (await Client.GetAsync(db + "/_all_docs")).Headers.ETag);
        await TestDb.Put(Client, db, "b");
        var changed = new HttpRequestMessage(HttpMethod.Get, db + "/_all_docs?include_docs=true");
        changed.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(changed)).StatusCode);
    }

    [Fact]
    public async Task Post_takes_parameters_from_the_body_and_the_query_string()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a", "b", "c", "d");
        var body = await HttpAssert.Json(
            await TestDb.Post(Client, db + "/_all_docs?limit=1", """{"startkey":"b","limit":3}"""), HttpStatusCode.OK);
        Assert.Equal(1, (int)body!["offset"]!);
        Assert.Equal(["b"], body["rows"]!.AsArray().Select(r => (string?)r!["id"]));
    }

    [Fact]
    public async Task Missing_database_is_404() =>
        await HttpAssert.Error(await Client.GetAsync(CouchServer.NewDbName("nope") + "/_all_docs"), HttpStatusCode.NotFound,
            "not_found", "Database does not exist.");

    [Fact]
    public async Task Other_methods_are_405()
    {
        string db = await TestDb.Create(Client);
        var response = await Client.PutAsync(db + "/_all_docs", null);
        await HttpAssert.Error(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET,HEAD,POST allowed");
    }
}
