using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace CouchJs.Http.Tests.Documents;

public sealed class DocumentOpenRevsTests(CouchServer server) : IClassFixture<CouchServer>
{
    private static readonly string A = "1-" + new string('a', 32);
    private static readonly string B = "1-" + new string('b', 32);
    private static readonly string C = "2-" + new string('c', 32);
    private static readonly string D = "1-" + new string('d', 32);
    private static readonly string Unknown = "5-" + new string('e', 32);

    private HttpClient Client => server.Client;

    private static string Revs(params string[] revs) => Uri.EscapeDataString("[" + string.Join(',', revs.Select(r => $"\"{r}\"")) + "]");

    [Fact]
    public async Task All_lists_every_leaf_sorted_by_rev()
    {
        string db = await ConflictedDb();
        var response = await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/c?open_revs=all", "application/json"));
        await HttpAssert.Body(response, HttpStatusCode.OK,
            $$$"""[{"ok":{"_id":"c","_rev":"{{{B}}}","v":"b"}},{"ok":{"_id":"c","_rev":"{{{D}}}","v":"d"}},{"ok":{"_id":"c","_rev":"{{{C}}}","_deleted":true}}]""");
        HttpAssert.CouchHeaders(response);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Revs_adds_each_revisions_path()
    {
        string db = await ConflictedDb();
        await HttpAssert.Body(await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/c?open_revs={Revs(C)}&revs=true", "application/json")),
            HttpStatusCode.OK,
            $$$$"""[{"ok":{"_id":"c","_rev":"{{{{C}}}}","_deleted":true,"_revisions":{"start":2,"ids":["{{{{C[2..]}}}}","{{{{A[2..]}}}}"]}}}]""");
    }

    [Fact]
    public async Task Given_revs_answer_found_ones_then_missing_ones()
    {
        string db = await ConflictedDb();
        await HttpAssert.Body(
            await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/c?open_revs={Revs(Unknown, B, A, B)}", "application/json")),
            HttpStatusCode.OK,
            $$$"""[{"ok":{"_id":"c","_rev":"{{{A}}}","v":"a"}},{"ok":{"_id":"c","_rev":"{{{B}}}","v":"b"}},{"missing":"{{{Unknown}}}"}]""");
    }

    [Fact]
    public async Task Latest_answers_the_leaves_below_each_rev()
    {
        string db = await ConflictedDb();
        await HttpAssert.Body(
            await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/c?open_revs={Revs(A, D)}&latest=true", "application/json")),
            HttpStatusCode.OK,
            $$$"""[{"ok":{"_id":"c","_rev":"{{{D}}}","v":"d"}},{"ok":{"_id":"c","_rev":"{{{C}}}","_deleted":true}}]""");
    }

    [Fact]
    public async Task A_missing_document_is_404_for_all_and_missing_revs_otherwise()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Error(await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/nope?open_revs=all", "application/json")),
            HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Body(await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/nope?open_revs={Revs("1-x")}", "application/json")),
            HttpStatusCode.OK, """[{"missing":"1-x"}]""");
    }

    [Fact]
    public async Task Bad_open_revs_values_are_400()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc?open_revs=%5B"), HttpStatusCode.BadRequest, "bad_request", "invalid UTF-8 JSON");
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc?open_revs=%7B%7D"), HttpStatusCode.BadRequest, "bad_request",
            "Invalid list of revisions");
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc?open_revs={Revs("nope")}"), HttpStatusCode.BadRequest, "bad_request",
            "Invalid rev format");
    }

    [Fact]
    public async Task An_empty_list_is_a_plain_get()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", "{}");
        await HttpAssert.Body(await Client.GetAsync($"{db}/doc?open_revs=%5B%5D"), HttpStatusCode.OK, $$$"""{"_id":"doc","_rev":"{{{rev}}}"}""");
    }

    [Fact]
    public async Task Multipart_mixed_has_a_part_per_revision_with_attachments_in_a_nested_related_part()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/m", """{"v":1}""");
        string second = await DocKit.Put(Client, $"{db}/m",
            $$$$"""{"_rev":"{{{{first}}}}","v":2,"_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}""");
        var response = await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/m?open_revs={Revs(Unknown, second, first)}", "multipart/mixed"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new MultipartReader(BoundaryOf(response.Content.Headers.ContentType, "multipart/mixed"), await response.Content.ReadAsStreamAsync());

        var plain = (await reader.ReadNextSectionAsync())!;
        Assert.Equal("application/json", plain.ContentType);
        Assert.Equal($$$"""{"_id":"m","_rev":"{{{first}}}","v":1}""", await new StreamReader(plain.Body).ReadToEndAsync());

        var related = (await reader.ReadNextSectionAsync())!;
        var inner = new MultipartReader(BoundaryOf(MediaTypeHeaderValue.Parse(related.ContentType!), "multipart/related"), related.Body);
        var jsonPart = (await inner.ReadNextSectionAsync())!;
        Assert.Equal("application/json", jsonPart.ContentType);
        var doc = JsonNode.Parse(await new StreamReader(jsonPart.Body).ReadToEndAsync())!;
        var att = doc["_attachments"]!["a.txt"]!;
        Assert.Equal(second, (string?)doc["_rev"]);
        Assert.Equal(["content_type", "revpos", "digest", "length", "follows", "encoding", "encoded_length"], att.AsObject().Select(p => p.Key));
        Assert.Equal("md5-" + Convert.ToBase64String(MD5.HashData("hello"u8)), (string?)att["digest"]);
        Assert.Equal(5, (int)att["length"]!);
        var data = (await inner.ReadNextSectionAsync())!;
        Assert.Equal("attachment; filename=\"a.txt\"", data.ContentDisposition);
        Assert.Equal("text/plain", data.ContentType);
        Assert.Equal("gzip", data.Headers!["Content-Encoding"].ToString());
        Assert.Equal((long)att["encoded_length"]!, long.Parse(data.Headers["Content-Length"].ToString()));
        using (var gunzip = new GZipStream(data.Body, CompressionMode.Decompress))
            Assert.Equal("hello", await new StreamReader(gunzip).ReadToEndAsync());
        Assert.Null(await inner.ReadNextSectionAsync());

        var missing = (await reader.ReadNextSectionAsync())!;
        Assert.Equal("application/json; error=\"true\"", missing.ContentType);
        Assert.Equal($$$"""{"missing":"{{{Unknown}}}"}""", await new StreamReader(missing.Body).ReadToEndAsync());
        Assert.Null(await reader.ReadNextSectionAsync());
    }

    [Fact]
    public async Task Without_an_accept_header_the_answer_is_multipart_as_in_couchdb()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", """{"x":"é"}""");
        var response = await Client.GetAsync($"{db}/doc?open_revs=all");
        Assert.Equal("multipart/mixed", response.Content.Headers.ContentType?.MediaType);
        var reader = new MultipartReader(BoundaryOf(response.Content.Headers.ContentType, "multipart/mixed"), await response.Content.ReadAsStreamAsync());
        var part = (await reader.ReadNextSectionAsync())!;
        Assert.Equal($$$"""{"_id":"doc","_rev":"{{{rev}}}","x":"é"}""", await new StreamReader(part.Body, Encoding.UTF8).ReadToEndAsync());
        Assert.Null(await reader.ReadNextSectionAsync());
        var json = await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/doc?open_revs=all", "multipart/mixed;q=0.0, */*"));
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
    }

    internal static string BoundaryOf(MediaTypeHeaderValue? type, string mediaType)
    {
        Assert.Equal(mediaType, type?.MediaType);
        string quoted = type!.Parameters.Single(p => p.Name == "boundary").Value!;
        Assert.StartsWith("\"", quoted);
        return quoted.Trim('"');
    }

    // Leaves 1-b and 1-d live, 2-c deleted (child of 1-a, whose body is kept): the winner is 1-d.
    private async Task<string> ConflictedDb()
    {
        string db = await DocKit.NewDb(Client);
        await DocKit.Replicate(Client, $"{db}/c", $$$"""{"_rev":"{{{A}}}","v":"a"}""");
        await DocKit.Replicate(Client, $"{db}/c", $$$"""{"_rev":"{{{B}}}","v":"b"}""");
        await DocKit.Replicate(Client, $"{db}/c",
            $$$"""{"_revisions":{"start":2,"ids":["{{{C[2..]}}}","{{{A[2..]}}}"]},"_deleted":true}""");
        await DocKit.Replicate(Client, $"{db}/c", $$$"""{"_rev":"{{{D}}}","v":"d"}""");
        return db;
    }
}
