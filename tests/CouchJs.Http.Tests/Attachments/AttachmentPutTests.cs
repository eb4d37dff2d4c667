using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CouchJs.Http.Tests.Documents;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Attachments.AttachmentKit;

namespace CouchJs.Http.Tests.Attachments;

/// <summary>PUT /{db}/{docid}/{attname}: new documents, children of a rev, names, checks and CouchDB's errors.</summary>
public sealed class AttachmentPutTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Without_a_rev_it_creates_the_document_201_with_location_and_etag()
    {
        string db = await DocKit.NewDb(Client);
        byte[] data = Encoding.UTF8.GetBytes(Text);
        var response = await Client.PutAsync($"{db}/doc/file.txt", Body(data, "application/octet-stream"));
        var body = await HttpAssert.Json(response, HttpStatusCode.Created);
        string rev = (string)body!["rev"]!;
        await HttpAssert.Body(response, HttpStatusCode.Created, $$"""{"ok":true,"id":"doc","rev":"{{rev}}"}""");
        HttpAssert.CouchHeaders(response);
        Assert.StartsWith("1-", rev);
        Assert.Equal($"{server.BaseAddress}{db}/doc/file.txt", response.Headers.Location?.ToString());
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
        await HttpAssert.Body(await Client.GetAsync($"{db}/doc"), HttpStatusCode.OK,
            $$$$"""{"_id":"doc","_rev":"{{{{rev}}}}","_attachments":{"file.txt":{"content_type":"application/octet-stream","revpos":1,"digest":"{{{{Digest(data)}}}}","length":29,"stub":true}}}""");
    }

    [Fact]
    public async Task Without_a_content_type_it_is_application_octet_stream()
    {
        string db = await DocKit.NewDb(Client);
        await Put(Client, $"{db}/doc/blob", [1, 2, 3], contentType: null);
        var att = (await DocKit.Get(Client, $"{db}/doc"))["_attachments"]!["blob"]!;
        Assert.Equal("application/octet-stream", (string?)att["content_type"]);
        var response = await Client.GetAsync($"{db}/doc/blob");
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task A_content_type_with_parameters_is_kept_as_sent()
    {
        string db = await DocKit.NewDb(Client);
        await Put(Client, $"{db}/doc/a.txt", "hi"u8.ToArray(), "text/plain;charset=utf-8");
        var response = await Client.GetAsync($"{db}/doc/a.txt");
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var att = (await DocKit.Get(Client, $"{db}/doc"))["_attachments"]!["a.txt"]!;
        Assert.Equal("text/plain; charset=utf-8", (string?)att["content_type"]);
    }

    [Fact]
    public async Task Names_keep_their_slashes_and_design_documents_take_attachments()
    {
        string db = await DocKit.NewDb(Client);
        var response = await Client.PutAsync($"{db}/doc/a/b/c.txt", Body("abc"u8.ToArray(), "text/plain"));
        await HttpAssert.Json(response, HttpStatusCode.Created);
        Assert.Equal($"{server.BaseAddress}{db}/doc/a%2Fb%2Fc.txt", response.Headers.Location?.ToString());
        Assert.Equal("abc", await (await Client.GetAsync($"{db}/doc/a/b/c.txt")).Content.ReadAsStringAsync());
        Assert.Equal("abc", await (await Client.GetAsync($"{db}/doc/a%2Fb%2Fc.txt")).Content.ReadAsStringAsync());
        Assert.NotNull((await DocKit.Get(Client, $"{db}/doc"))["_attachments"]!["a/b/c.txt"]);

        response = await Client.PutAsync($"{db}/_design/x/lib/app.js", Body("1"u8.ToArray(), "application/javascript"));
        var body = await HttpAssert.Json(response, HttpStatusCode.Created);
        Assert.Equal("_design/x", (string?)body!["id"]);
        Assert.Equal($"{server.BaseAddress}{db}/_design%2Fx/lib%2Fapp.js", response.Headers.Location?.ToString());
        Assert.Equal("1", await (await Client.GetAsync($"{db}/_design/x/lib/app.js")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_a_rev_in_the_query_or_if_match_the_body_and_other_attachments_stay()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/doc", """{"v":1,"_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}""");
        string second = await Put(Client, $"{db}/doc/b.bin?rev={first}", [9]);
        var request = new HttpRequestMessage(HttpMethod.Put, $"{db}/doc/c.bin") { Content = Body([8], "application/octet-stream") };
        request.Headers.IfMatch.ParseAdd($"\"{second}\"");
        var body = await HttpAssert.Json(await Client.SendAsync(request), HttpStatusCode.Created);
        string third = (string)body!["rev"]!;
        Assert.StartsWith("3-", third);
        var doc = await DocKit.Get(Client, $"{db}/doc");
        Assert.Equal(1, (int)doc["v"]!);
        Assert.Equal(["c.bin", "b.bin", "a.txt"], doc["_attachments"]!.AsObject().Select(p => p.Key));
        Assert.Equal([3, 2, 1], doc["_attachments"]!.AsObject().Select(p => (int)p.Value!["revpos"]!));
    }

    [Fact]
    public async Task Replacing_an_attachment_gives_it_the_new_revpos()
    {
        string db = await DocKit.NewDb(Client);
        string first = await Put(Client, $"{db}/doc/a.bin", [1]);
        await Put(Client, $"{db}/doc/a.bin?rev={first}", [2, 2]);
        var att = (await DocKit.Get(Client, $"{db}/doc"))["_attachments"]!["a.bin"]!;
        Assert.Equal((2, 2, Digest([2, 2])), ((int)att["revpos"]!, (int)att["length"]!, (string?)att["digest"]));
    }

    [Fact]
    public async Task Edits_without_the_current_rev_are_409()
    {
        string db = await DocKit.NewDb(Client);
        string first = await Put(Client, $"{db}/doc/a.bin", [1]);
        await Put(Client, $"{db}/doc/a.bin?rev={first}", [2]);
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc/b.bin", Body([3], null)), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc/b.bin?rev={first}", Body([3], null)), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc/b.bin?rev=1-adae8575ecea588919bd08eb020c708e", Body([3], null)),
            HttpStatusCode.Conflict, "not_found", "missing_rev");
        await HttpAssert.Error(await Client.PutAsync($"{db}/nodoc/b.bin?rev={first}", Body([3], null)),
            HttpStatusCode.Conflict, "not_found", "missing_rev");
    }

    [Fact]
    public async Task A_rev_and_an_if_match_that_differ_are_400()
    {
        string db = await DocKit.NewDb(Client);
        string first = await Put(Client, $"{db}/doc/a.bin", [1]);
        var request = new HttpRequestMessage(HttpMethod.Put, $"{db}/doc/b.bin?rev={first}") { Content = Body([8], null) };
        request.Headers.IfMatch.ParseAdd("\"1-00000000000000000000000000000000\"");
        await HttpAssert.Error(await Client.SendAsync(request), HttpStatusCode.BadRequest, "bad_request", "Document rev and etag have different values");
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc/b.bin?rev=bad", Body([3], null)), HttpStatusCode.BadRequest, "bad_request", "Invalid rev format");
    }

    [Fact]
    public async Task Bad_names_and_ids_are_400()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc/_foo.txt", Body([1], null)),
            HttpStatusCode.BadRequest, "bad_request", "Attachment name '_foo.txt' starts with prohibited character '_'");
        await HttpAssert.Error(await Client.PutAsync($"{db}/_nonexistant/attachment.txt", Body([1], null)),
            HttpStatusCode.BadRequest, "illegal_docid", "Only reserved document ids may start with underscore.");
        await HttpAssert.Error(await Client.PutAsync($"{db}/_local/x/attachment.txt", Body([1], null)),
            HttpStatusCode.BadRequest, "bad_request", "_local documents do not accept attachments.");
        await HttpAssert.Error(await Client.PutAsync("no-such-db/doc/a.txt", Body([1], null)),
            HttpStatusCode.NotFound, "not_found", "Database does not exist.");
    }

    [Fact]
    public async Task Content_md5_is_checked_and_sent_back_on_reads()
    {
        string db = await DocKit.NewDb(Client);
        byte[] data = "foo bar"u8.ToArray();
        var good = Body(data, "application/octet-stream");
        good.Headers.ContentMD5 = MD5.HashData(data);
        await HttpAssert.Json(await Client.PutAsync($"{db}/doc/attachment.txt", good), HttpStatusCode.Created);
        var response = await Client.GetAsync($"{db}/doc/attachment.txt");
        Assert.Equal("MntvB0NYESObxH4VRDUycw==", Header(response, "Content-MD5"));

        var bad = Body(data, "application/octet-stream");
        bad.Headers.ContentMD5 = MD5.HashData("foo baz"u8);
        await HttpAssert.Error(await Client.PutAsync($"{db}/other/attachment.txt", bad), HttpStatusCode.BadRequest,
            "content_md5_mismatch", "Possible message corruption.");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"{db}/other")).StatusCode);
    }

    [Fact]
    public async Task Only_identity_and_gzip_content_encodings_are_taken()
    {
        string db = await DocKit.NewDb(Client);
        var content = Body([1, 2], "application/octet-stream");
        content.Headers.ContentEncoding.Add("deflate");
        await HttpAssert.Error(await Client.PutAsync($"{db}/doc/a.bin", content), HttpStatusCode.UnsupportedMediaType,
            "bad_content_type", "Only gzip and identity content-encodings are supported");
        content = Body([1, 2], "application/octet-stream");
        content.Headers.ContentEncoding.Add("Identity");
        await HttpAssert.Json(await Client.PutAsync($"{db}/doc/a.bin", content), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_chunked_body_streams_in_like_a_sized_one()
    {
        string db = await DocKit.NewDb(Client);
        byte[] data = new byte[300_000];
        new Random(5).NextBytes(data);
        var content = new StreamContent(new NonSeekableStream(data));
        content.Headers.ContentType = new("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Put, $"{db}/doc/chunked.bin") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await HttpAssert.Json(await Client.SendAsync(request), HttpStatusCode.Created);
        var response = await Client.GetAsync($"{db}/doc/chunked.bin");
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Etag(data), response.Headers.ETag?.ToString());
    }

    [Theory]
    [InlineData(true, "201 Created", "\"ok\":true")]
    [InlineData(false, "400 Bad Request", "{\"error\":\"content_md5_mismatch\",\"reason\":\"Possible message corruption.\"}")]
    public async Task A_content_md5_trailer_announced_by_the_trailer_header_is_checked(bool matches, string status, string body)
    {
        string db = await DocKit.NewDb(Client);
        string md5 = Convert.ToBase64String(MD5.HashData(matches ? "foo bar"u8 : "foo baz"u8));
        // HttpClient sends no request trailers, so the request is written by hand.
        string request =
            $"PUT /{db}/doc/a.bin HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nAuthorization: {Client.DefaultRequestHeaders.Authorization}\r\n" +
            "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\nTrailer: Content-MD5\r\nConnection: close\r\n\r\n" +
            $"7\r\nfoo bar\r\n0\r\nContent-MD5: {md5}\r\n\r\n";
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        string response = await new StreamReader(stream).ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 " + status + "\r\n", response);
        Assert.Contains(body, response);
    }

    /// <summary>A stream HttpClient cannot measure, so it sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
