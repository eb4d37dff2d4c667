using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Documents;

public sealed class DocumentPutTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Put_creates_with_201_etag_and_location()
    {
        string db = await DocKit.NewDb(Client);
        var response = await Client.PutAsync($"{db}/doc", DocKit.Json("""{"a":1}"""));
        var body = await HttpAssert.Json(response, HttpStatusCode.Created);
        string rev = (string)body!["rev"]!;
        Assert.Matches("^1-[0-9a-f]{32}$", rev);
        await HttpAssert.Body(response, HttpStatusCode.Created, $$$"""{"ok":true,"id":"doc","rev":"{{{rev}}}"}""");
        HttpAssert.CouchHeaders(response);
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
        Assert.Equal(new Uri(server.BaseAddress, $"{db}/doc"), response.Headers.Location);
    }

    [Fact]
    public async Task The_url_id_wins_over_the_body_id()
    {
        string db = await DocKit.NewDb(Client);
        await DocKit.Put(Client, $"{db}/url", """{"_id":"body","v":1}""");
        Assert.Equal("url", (string?)(await DocKit.Get(Client, $"{db}/url"))["_id"]);
        await HttpAssert.Error(await Client.GetAsync($"{db}/body"), HttpStatusCode.NotFound, "not_found", "missing");
    }

    [Fact]
    public async Task The_rev_comes_from_the_body_the_query_or_if_match()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/doc", """{"v":1}""");
        string second = await DocKit.Put(Client, $"{db}/doc", $$$"""{"_rev":"{{{first}}}","v":2}""");
        string third = await DocKit.Put(Client, $"{db}/doc?rev={second}", """{"v":3}""");
        var request = new HttpRequestMessage(HttpMethod.Put, $"{db}/doc") { Content = DocKit.Json("""{"v":4}""") };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{third}\"");
        var fourth = await HttpAssert.Json(await Client.SendAsync(request), HttpStatusCode.Created);
        Assert.StartsWith("4-", (string)fourth!["rev"]!);
        Assert.Equal(4, (int)(await DocKit.Get(Client, $"{db}/doc"))["v"]!);
    }

    [Fact]
    public async Task Disagreeing_revs_are_400()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", "{}");
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc?rev=1-{new string('0', 32)}", DocKit.Json($$$"""{"_rev":"{{{rev}}}"}""")),
            HttpStatusCode.BadRequest, "bad_request", "Document rev from request body and query string have different values");
        var request = new HttpRequestMessage(HttpMethod.Put, $"{db}/doc?rev={rev}") { Content = DocKit.Json("{}") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1-abc\"");
        await HttpAssert.Error(await Client.SendAsync(request), HttpStatusCode.BadRequest, "bad_request", "Document rev and etag have different values");
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc?rev=x", DocKit.Json("{}")), HttpStatusCode.BadRequest, "bad_request", "Invalid rev format");
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc", DocKit.Json("""{"_rev":7}""")), HttpStatusCode.BadRequest, "bad_request",
            "Invalid rev format");
    }

    [Fact]
    public async Task A_stale_or_missing_rev_is_409()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/doc", "{}");
        await DocKit.Put(Client, $"{db}/doc", $$$"""{"_rev":"{{{first}}}"}""");
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc", DocKit.Json($$$"""{"_rev":"{{{first}}}"}""")), HttpStatusCode.Conflict,
            "conflict", "Document update conflict.");
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc", DocKit.Json("{}")), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
        await HttpAssert.Error(await Client.PutAsync($"{db}/new?rev={first}", DocKit.Json("{}")), HttpStatusCode.Conflict, "conflict",
            "Document update conflict.");
    }

    [Fact]
    public async Task A_deletion_by_put_is_200()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", "{}");
        var response = await Client.PutAsync($"{db}/doc", DocKit.Json($$$"""{"_rev":"{{{rev}}}","_deleted":true}"""));
        var body = await HttpAssert.Json(response, HttpStatusCode.OK);
        Assert.StartsWith("2-", (string)body!["rev"]!);
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc"), HttpStatusCode.NotFound, "not_found", "deleted");
        // A deleted document is recreated without a rev, as a child of its tombstone.
        Assert.StartsWith("3-", await DocKit.Put(Client, $"{db}/doc", """{"again":true}"""));
    }

    [Fact]
    public async Task Batch_ok_answers_202_and_writes_soon_after()
    {
        string db = await DocKit.NewDb(Client);
        var response = await Client.PutAsync($"{db}/b?batch=ok", DocKit.Json("""{"v":1}"""));
        await HttpAssert.Body(response, HttpStatusCode.Accepted, """{"ok":true,"id":"b"}""");
        Assert.Null(response.Headers.Location);
        for (int i = 0; i < 1500 && (await Client.GetAsync($"{db}/b")).StatusCode != HttpStatusCode.OK; i++) await Task.Delay(20);
        Assert.Equal(1, (int)(await DocKit.Get(Client, $"{db}/b"))["v"]!);
    }

    [Fact]
    public async Task New_edits_false_stores_the_given_revision()
    {
        string db = await DocKit.NewDb(Client);
        string rev = "3-" + new string('9', 32);
        await HttpAssert.Body(await Client.PutAsync($"{db}/r?new_edits=false", DocKit.Json($$$"""{"_rev":"{{{rev}}}","v":1}""")),
            HttpStatusCode.Created, $$$"""{"ok":true,"id":"r","rev":"{{{rev}}}"}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/r"), HttpStatusCode.OK, $$$"""{"_id":"r","_rev":"{{{rev}}}","v":1}""");
        await HttpAssert.Error(await Client.PutAsync($"{db}/r2?new_edits=false", DocKit.Json("{}")), HttpStatusCode.BadRequest, "bad_request",
            "When `new_edits: false`, the document needs `_rev` or `_revisions` specified");
    }

    [Theory]
    [InlineData("{", "bad_request", "invalid UTF-8 JSON")]
    [InlineData("[1]", "bad_request", "Document must be a JSON object")]
    [InlineData("""{"_foo":1}""", "doc_validation", "Bad special document member: _foo")]
    [InlineData("""{"_attachments":{"_x":{"data":""}}}""", "bad_request", "Attachment name '_x' starts with prohibited character '_'")]
    public async Task Bad_bodies_are_400(string json, string error, string reason)
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc", DocKit.Json(json)), HttpStatusCode.BadRequest, error, reason);
    }

    [Fact]
    public async Task Ids_with_a_leading_underscore_are_refused()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Error(await Client.PutAsync($"{db}/_bad", DocKit.Json("{}")), HttpStatusCode.BadRequest, "illegal_docid",
            "Only reserved document ids may start with underscore.");
        await HttpAssert.Error(await Client.PutAsync($"{db}/_design%2F", DocKit.Json("{}")), HttpStatusCode.BadRequest, "illegal_docid",
            "Illegal document id `_design/`");
    }

    [Fact]
    public async Task A_body_past_max_document_size_is_413()
    {
        string db = await DocKit.NewDb(Client);
        string json = "{\"big\":\"" + new string('x', 8_000_001) + "\"}";
        await HttpAssert.Error(await Client.PutAsync($"{db}/huge", DocKit.Json(json)), HttpStatusCode.RequestEntityTooLarge,
            "document_too_large", "huge");
    }

    [Fact]
    public async Task Multipart_related_writes_the_attachments_that_follow()
    {
        string db = await DocKit.NewDb(Client);
        byte[] binary = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7))];
        byte[] gzipped = Gzip("compressed text"u8.ToArray());
        var content = Related(
            """{"v":1,"_attachments":{"a.txt":{"content_type":"text/plain","follows":true,"length":5},"b.bin":{"content_type":"application/octet-stream","follows":true,"length":300000},"c.txt":{"content_type":"text/plain","follows":true,"length":15,"encoding":"gzip"}}}""",
            "hello"u8.ToArray(), binary, gzipped);
        var response = await Client.PutAsync($"{db}/mp", content);
        var body = await HttpAssert.Json(response, HttpStatusCode.Created);
        string rev = (string)body!["rev"]!;
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
        Assert.Equal(new Uri(server.BaseAddress, $"{db}/mp"), response.Headers.Location);

        var doc = await DocKit.Get(Client, $"{db}/mp?attachments=true");
        var atts = doc["_attachments"]!;
        Assert.Equal("hello", Encoding.UTF8.GetString(Convert.FromBase64String((string)atts["a.txt"]!["data"]!)));
        Assert.Equal(binary, Convert.FromBase64String((string)atts["b.bin"]!["data"]!));
        Assert.Equal("compressed text", Encoding.UTF8.GetString(Convert.FromBase64String((string)atts["c.txt"]!["data"]!)));
        Assert.Equal(1, (int)doc["v"]!);

        // Stubs in a later multipart update keep what is stored.
        var update = Related($$$$"""{"_rev":"{{{{rev}}}}","v":2,"_attachments":{"a.txt":{"stub":true},"d.txt":{"content_type":"text/plain","follows":true}}}""",
            "new"u8.ToArray());
        await HttpAssert.Json(await Client.PutAsync($"{db}/mp", update), HttpStatusCode.Created);
        var updated = (await DocKit.Get(Client, $"{db}/mp"))["_attachments"]!.AsObject();
        Assert.Equal(["a.txt", "d.txt"], updated.Select(p => p.Key));
        Assert.Equal(1, (int)updated["a.txt"]!["revpos"]!);
        Assert.Equal(2, (int)updated["d.txt"]!["revpos"]!);
    }

    [Fact]
    public async Task Multipart_without_a_json_first_part_is_415()
    {
        string db = await DocKit.NewDb(Client);
        var content = new MultipartContent("related") { new ByteArrayContent("{}"u8.ToArray()) };
        content.First().Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await HttpAssert.Error(await Client.PutAsync($"{db}/mp", content), HttpStatusCode.UnsupportedMediaType, "bad_content_type",
            "Content-Type must be application/json");
    }

    [Fact]
    public async Task Multipart_missing_an_attachment_part_is_400()
    {
        string db = await DocKit.NewDb(Client);
        var content = Related("""{"_attachments":{"a.txt":{"follows":true},"b.bin":{"follows":true}}}""", "one"u8.ToArray());
        await HttpAssert.Error(await Client.PutAsync($"{db}/mp", content), HttpStatusCode.BadRequest, "bad_request",
            "Attachment b.bin follows, but no data arrived for it");
        await HttpAssert.Error(await Client.GetAsync($"{db}/mp"), HttpStatusCode.NotFound, "not_found", "missing");
    }

    [Fact]
    public async Task A_part_that_does_not_match_its_digest_is_refused()
    {
        string db = await DocKit.NewDb(Client);
        string digest = "md5-" + Convert.ToBase64String(MD5.HashData("other"u8));
        var content = Related($$$$"""{"_attachments":{"a.txt":{"content_type":"text/plain","follows":true,"digest":"{{{{digest}}}}"}}}""", "hello"u8.ToArray());
        await HttpAssert.Error(await Client.PutAsync($"{db}/mp", content), HttpStatusCode.BadRequest, "content_md5_mismatch",
            "Possible message corruption.");
        await HttpAssert.Error(await Client.GetAsync($"{db}/mp"), HttpStatusCode.NotFound, "not_found", "missing");
        string good = "md5-" + Convert.ToBase64String(MD5.HashData("hello"u8));
        var matching = Related($$$$"""{"_attachments":{"a.txt":{"content_type":"text/plain","follows":true,"digest":"{{{{good}}}}"}}}""", "hello"u8.ToArray());
        await HttpAssert.Json(await Client.PutAsync($"{db}/mp", matching), HttpStatusCode.Created);
        Assert.Equal(good, (string?)(await DocKit.Get(Client, $"{db}/mp"))["_attachments"]!["a.txt"]!["digest"]);
    }

    [Fact]
    public async Task Concurrent_edits_of_one_rev_have_exactly_one_winner()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/hot", "{}");
        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Client.PutAsync($"{db}/hot", DocKit.Json($$$"""{"_rev":"{{{rev}}}","n":{{{i}}}}"""))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(31, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await HttpAssert.Error(conflict, HttpStatusCode.Conflict, "conflict", "Document update conflict.");
        var winner = (await HttpAssert.Json(responses.Single(r => r.StatusCode == HttpStatusCode.Created), HttpStatusCode.Created))!;
        Assert.Equal((string?)winner["rev"], (string?)(await DocKit.Get(Client, $"{db}/hot"))["_rev"]);
    }

    private static MultipartContent Related(string json, params byte[][] attachments)
    {
        var content = new MultipartContent("related");
        content.Add(DocKit.Json(json));
        foreach (byte[] data in attachments) content.Add(new ByteArrayContent(data));
        return content;
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }
}
