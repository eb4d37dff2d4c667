using System.Net;
using System.Text;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Bulk;

public sealed class BulkDocsErrorTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Theory]
    [InlineData("{}", "POST body must include `docs` parameter.")]
    [InlineData("""{"docs":{}}""", "`docs` parameter must be an array.")]
    [InlineData("""{"docs":null}""", "`docs` parameter must be an array.")]
    [InlineData("[]", "Request body must be a JSON object")]
    [InlineData("""{"docs":[1]}""", "Document must be a JSON object")]
    [InlineData("""{"docs":[],"new_edits":"no"}""", "`new_edits` parameter must be a boolean.")]
    [InlineData("""{"docs":[{"_id":"a"}],"new_edits":false}""", "When `new_edits: false`, the document needs `_rev` or `_revisions` specified")]
    [InlineData("""{"docs":[{"_id":"a","_rev":"x"}]}""", "Invalid rev format")]
    [InlineData("""{"docs":[{"_attachments":{"_a":{"data":""}}}]}""", "Attachment name '_a' starts with prohibited character '_'")]
    [InlineData("""{"docs":[{"a":1}}""", "invalid UTF-8 JSON")]
    [InlineData("""{"docs":[{"_id":"_bad"}],"x":}""", "invalid UTF-8 JSON")]
    [InlineData("", "invalid UTF-8 JSON")]
    public async Task Bad_requests_are_refused_whole(string body, string reason)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_bulk_docs", body), HttpStatusCode.BadRequest, "bad_request", reason);
        await HttpAssert.Body(await Client.GetAsync(db + "/_all_docs"), HttpStatusCode.OK, """{"total_rows":0,"offset":0,"rows":[]}""");
    }

    [Fact]
    public async Task A_bad_id_fails_the_request()
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_bulk_docs", """{"docs":[{"_id":"ok"},{"_id":"_nope"}]}"""),
            HttpStatusCode.BadRequest, "illegal_docid", "Only reserved document ids may start with underscore.");
    }

    [Fact]
    public async Task A_document_over_max_document_size_is_413()
    {
        string db = await TestDb.Create(Client);
        var body = new StringBuilder("{\"docs\":[{\"_id\":\"big\",\"v\":\"").Append('x', 8_000_001).Append("\"}]}");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_bulk_docs", body.ToString()), HttpStatusCode.RequestEntityTooLarge,
            "document_too_large", "big");
    }

    [Fact]
    public async Task Only_json_posts_are_taken()
    {
        string db = await TestDb.Create(Client);
        var text = await Client.PostAsync(db + "/_bulk_docs", new StringContent("""{"docs":[]}""", Encoding.UTF8, "text/plain"));
        await HttpAssert.Error(text, HttpStatusCode.UnsupportedMediaType, "bad_content_type", "Content-Type must be application/json");
        var get = await Client.GetAsync(db + "/_bulk_docs");
        await HttpAssert.Error(get, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only POST allowed");
    }

    [Fact]
    public async Task Missing_database_is_404() =>
        await HttpAssert.Error(await TestDb.Post(Client, CouchServer.NewDbName("nope") + "/_bulk_docs", """{"docs":[]}"""),
            HttpStatusCode.NotFound, "not_found", "Database does not exist.");
}
