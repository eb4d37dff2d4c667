using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace CouchJs.Http.Tests.Documents;

/// <summary>Attachments as GET shows them: stubs, inline data, encoding info, atts_since and multipart/related.</summary>
public sealed class DocumentAttachmentTests(CouchServer server) : IClassFixture<CouchServer>
{
    private static readonly string HelloDigest = "md5-" + Convert.ToBase64String(MD5.HashData("hello"u8));
    private static readonly string BinDigest = "md5-" + Convert.ToBase64String(MD5.HashData(new byte[] { 0, 1, 2 }));

    private HttpClient Client => server.Client;

    private async Task<(string Db, string Rev)> DocWithAttachments()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc",
            """{"v":1,"_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="},"b.bin":{"content_type":"application/octet-stream","data":"AAEC"}}}""");
        return (db, rev);
    }

    [Fact]
    public async Task Attachments_are_stubs_by_default()
    {
        var (db, rev) = await DocWithAttachments();
        await HttpAssert.Body(await Client.GetAsync($"{db}/doc"), HttpStatusCode.OK,
            $$$$"""{"_id":"doc","_rev":"{{{{rev}}}}","v":1,"_attachments":{"a.txt":{"content_type":"text/plain","revpos":1,"digest":"{{{{HelloDigest}}}}","length":5,"stub":true},"b.bin":{"content_type":"application/octet-stream","revpos":1,"digest":"{{{{BinDigest}}}}","length":3,"stub":true}}}""");
    }

    [Fact]
    public async Task Attachments_true_with_a_json_accept_inlines_the_data()
    {
        var (db, rev) = await DocWithAttachments();
        var response = await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/doc?attachments=true", "application/json"));
        await HttpAssert.Body(response, HttpStatusCode.OK,
            $$$$"""{"_id":"doc","_rev":"{{{{rev}}}}","v":1,"_attachments":{"a.txt":{"content_type":"text/plain","revpos":1,"digest":"{{{{HelloDigest}}}}","data":"aGVsbG8="},"b.bin":{"content_type":"application/octet-stream","revpos":1,"digest":"{{{{BinDigest}}}}","data":"AAEC"}}}""");
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Att_encoding_info_shows_how_compressible_types_are_stored()
    {
        var (db, _) = await DocWithAttachments();
        var atts = (await DocKit.Get(Client, $"{db}/doc?att_encoding_info=true"))["_attachments"]!;
        Assert.Equal("gzip", (string?)atts["a.txt"]!["encoding"]);
        Assert.True((int)atts["a.txt"]!["encoded_length"]! > 0);
        Assert.Equal(["content_type", "revpos", "digest", "length", "stub", "encoding", "encoded_length"], atts["a.txt"]!.AsObject().Select(p => p.Key));
        Assert.Null(atts["b.bin"]!["encoding"]);
    }

    [Fact]
    public async Task Atts_since_sends_only_attachments_newer_than_the_given_revs()
    {
        var (db, first) = await DocWithAttachments();
        string second = await DocKit.Put(Client, $"{db}/doc",
            $$$$"""{"_rev":"{{{{first}}}}","_attachments":{"a.txt":{"stub":true},"c.txt":{"content_type":"text/plain","data":"bmV3"}}}""");
        string since = Uri.EscapeDataString($"[\"{first}\",\"9-{new string('f', 32)}\"]");
        var atts = (await DocKit.Get(Client, $"{db}/doc?atts_since={since}"))["_attachments"]!;
        Assert.True((bool)atts["a.txt"]!["stub"]!);
        Assert.Equal("bmV3", (string?)atts["c.txt"]!["data"]);
        var old = (await DocKit.Get(Client, $"{db}/doc?rev={first}&atts_since={since}"))["_attachments"]!;
        Assert.True((bool)old["a.txt"]!["stub"]!);
        Assert.True((bool)old["b.bin"]!["stub"]!);
        Assert.StartsWith("2-", second);
    }

    [Fact]
    public async Task Attachments_true_without_a_json_accept_is_multipart_related()
    {
        var (db, rev) = await DocWithAttachments();
        var response = await Client.GetAsync($"{db}/doc?attachments=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
        byte[] raw = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(raw.Length, response.Content.Headers.ContentLength);
        string boundary = DocumentOpenRevsTests.BoundaryOf(response.Content.Headers.ContentType, "multipart/related");
        var reader = new MultipartReader(boundary, new MemoryStream(raw));

        var jsonPart = (await reader.ReadNextSectionAsync())!;
        Assert.Equal("application/json", jsonPart.ContentType);
        var doc = JsonNode.Parse(await new StreamReader(jsonPart.Body).ReadToEndAsync())!;
        var a = doc["_attachments"]!["a.txt"]!;
        Assert.Equal(["content_type", "revpos", "digest", "length", "follows", "encoding", "encoded_length"], a.AsObject().Select(p => p.Key));
        Assert.Equal(["content_type", "revpos", "digest", "length", "follows"], doc["_attachments"]!["b.bin"]!.AsObject().Select(p => p.Key));

        var text = (await reader.ReadNextSectionAsync())!;
        Assert.Equal("attachment; filename=\"a.txt\"", text.ContentDisposition);
        Assert.Equal("gzip", text.Headers!["Content-Encoding"].ToString());
        Assert.Equal((int)a["encoded_length"]!, int.Parse(text.Headers["Content-Length"].ToString()));
        using (var gunzip = new GZipStream(text.Body, CompressionMode.Decompress))
            Assert.Equal("hello", await new StreamReader(gunzip).ReadToEndAsync());
        var binary = (await reader.ReadNextSectionAsync())!;
        Assert.Equal("application/octet-stream", binary.ContentType);
        Assert.False(binary.Headers!.ContainsKey("Content-Encoding"));
        var data = new MemoryStream();
        await binary.Body.CopyToAsync(data);
        Assert.Equal(new byte[] { 0, 1, 2 }, data.ToArray());
        Assert.Null(await reader.ReadNextSectionAsync());
    }

    [Fact]
    public async Task Head_of_a_multipart_document_has_its_length_and_no_body()
    {
        var (db, _) = await DocWithAttachments();
        var get = await Client.GetAsync($"{db}/doc?attachments=true");
        var head = await Client.SendAsync(DocKit.Request(HttpMethod.Head, $"{db}/doc?attachments=true"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal("multipart/related", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Atts_since_covering_everything_answers_plain_json_even_for_multipart()
    {
        var (db, rev) = await DocWithAttachments();
        var response = await Client.GetAsync($"{db}/doc?atts_since={Uri.EscapeDataString($"[\"{rev}\"]")}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True((bool)doc["_attachments"]!["a.txt"]!["stub"]!);
    }

    [Fact]
    public async Task A_large_attachment_round_trips_through_multipart_both_ways()
    {
        string db = await DocKit.NewDb(Client);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(data);
        var upload = new MultipartContent("related")
        {
            DocKit.Json($$$$"""{"_attachments":{"big.bin":{"content_type":"application/octet-stream","follows":true,"length":{{{{data.Length}}}}}}}"""),
            new ByteArrayContent(data),
        };
        await HttpAssert.Json(await Client.PutAsync($"{db}/big", upload), HttpStatusCode.Created);
        var response = await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/big?attachments=true", "multipart/related"),
            HttpCompletionOption.ResponseHeadersRead);
        var reader = new MultipartReader(DocumentOpenRevsTests.BoundaryOf(response.Content.Headers.ContentType, "multipart/related"),
            await response.Content.ReadAsStreamAsync());
        var doc = JsonNode.Parse(await new StreamReader((await reader.ReadNextSectionAsync())!.Body).ReadToEndAsync())!;
        Assert.Equal(data.Length, (int)doc["_attachments"]!["big.bin"]!["length"]!);
        Assert.Equal("md5-" + Convert.ToBase64String(MD5.HashData(data)), (string?)doc["_attachments"]!["big.bin"]!["digest"]);
        var received = new MemoryStream();
        await (await reader.ReadNextSectionAsync())!.Body.CopyToAsync(received);
        Assert.Equal(data, received.ToArray());
    }

    [Fact]
    public async Task Accept_negotiation_follows_mochiweb()
    {
        var (db, _) = await DocWithAttachments();
        async Task<string?> TypeFor(string accept) =>
            (await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/doc?attachments=true", accept))).Content.Headers.ContentType?.MediaType;
        Assert.Equal("multipart/related", await TypeFor("*/*"));
        Assert.Equal("multipart/related", await TypeFor("multipart/*"));
        Assert.Equal("multipart/related", await TypeFor("application/json, multipart/related;q=0.5"));
        Assert.Equal("application/json", await TypeFor("application/json"));
        Assert.Equal("application/json", await TypeFor("multipart/*;q=0.0, */*"));
        Assert.Equal("application/json", await TypeFor("text/html"));
    }
}
