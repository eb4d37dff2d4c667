using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Documents;

public sealed class DocumentCopyTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    private Task<HttpResponseMessage> Copy(string path, string? destination, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(DocKit.Copy, path);
        if (destination is not null) request.Headers.TryAddWithoutValidation("Destination", destination);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Client.SendAsync(request);
    }

    [Fact]
    public async Task Copy_writes_the_winner_under_the_destination_id()
    {
        string db = await DocKit.NewDb(Client);
        await DocKit.Put(Client, $"{db}/src", """{"v":1,"nested":{"a":[1,2]}}""");
        var response = await Copy($"{db}/src", "dst");
        var body = await HttpAssert.Json(response, HttpStatusCode.Created);
        string rev = (string)body!["rev"]!;
        Assert.StartsWith("1-", rev);
        await HttpAssert.Body(response, HttpStatusCode.Created, $$$"""{"ok":true,"id":"dst","rev":"{{{rev}}}"}""");
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
        Assert.Equal(new Uri(server.BaseAddress, $"{db}/dst"), response.Headers.Location);
        await HttpAssert.Body(await Client.GetAsync($"{db}/dst"), HttpStatusCode.OK, $$$"""{"_id":"dst","_rev":"{{{rev}}}","v":1,"nested":{"a":[1,2]}}""");
    }

    [Fact]
    public async Task Attachments_are_copied_with_their_data_and_revpos()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/src", """{"_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}""");
        await DocKit.Put(Client, $"{db}/src", $$$$"""{"_rev":"{{{{first}}}}","v":2,"_attachments":{"a.txt":{"stub":true}}}""");
        await HttpAssert.Json(await Copy($"{db}/src", "dst"), HttpStatusCode.Created);
        var source = (await DocKit.Get(Client, $"{db}/src"))["_attachments"]!;
        var copy = await DocKit.Get(Client, $"{db}/dst?attachments=true");
        var att = copy["_attachments"]!["a.txt"]!;
        Assert.Equal((string?)source["a.txt"]!["digest"], (string?)att["digest"]);
        Assert.Equal(1, (int)att["revpos"]!);
        Assert.Equal("aGVsbG8=", (string?)att["data"]);
    }

    [Fact]
    public async Task An_existing_destination_needs_its_rev()
    {
        string db = await DocKit.NewDb(Client);
        await DocKit.Put(Client, $"{db}/src", """{"v":"src"}""");
        string dst = await DocKit.Put(Client, $"{db}/dst", """{"v":"old"}""");
        await HttpAssert.Error(await Copy($"{db}/src", "dst"), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
        var response = await Copy($"{db}/src", $"dst?rev={dst}");
        Assert.StartsWith("2-", (string)(await HttpAssert.Json(response, HttpStatusCode.Created))!["rev"]!);
        Assert.Equal("src", (string?)(await DocKit.Get(Client, $"{db}/dst"))["v"]);
    }

    [Fact]
    public async Task The_source_rev_comes_from_the_query_or_if_match()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/src", """{"v":1}""");
        await DocKit.Put(Client, $"{db}/src", $$$"""{"_rev":"{{{first}}}","v":2}""");
        await HttpAssert.Json(await Copy($"{db}/src?rev={first}", "old1"), HttpStatusCode.Created);
        await HttpAssert.Json(await Copy($"{db}/src", "old2", $"\"{first}\""), HttpStatusCode.Created);
        Assert.Equal(1, (int)(await DocKit.Get(Client, $"{db}/old1"))["v"]!);
        Assert.Equal(1, (int)(await DocKit.Get(Client, $"{db}/old2"))["v"]!);
    }

    [Fact]
    public async Task The_destination_is_unescaped()
    {
        string db = await DocKit.NewDb(Client);
        await DocKit.Put(Client, $"{db}/src", "{}");
        var response = await Copy($"{db}/src", "a%2Fb+c");
        await HttpAssert.Json(response, HttpStatusCode.Created);
        Assert.Equal("a/b c", (string?)(await DocKit.Get(Client, $"{db}/a%2Fb%20c"))["_id"]);
        await HttpAssert.Json(await Copy($"{db}/src", "_design/copied"), HttpStatusCode.Created);
        await DocKit.Get(Client, $"{db}/_design/copied");
    }

    [Fact]
    public async Task Bad_destinations_and_sources_are_refused()
    {
        string db = await DocKit.NewDb(Client);
        await DocKit.Put(Client, $"{db}/src", "{}");
        await HttpAssert.Error(await Copy($"{db}/src", null), HttpStatusCode.BadRequest, "bad_request", "Destination header is mandatory for COPY.");
        await HttpAssert.Error(await Copy($"{db}/src", "http://elsewhere/db/x"), HttpStatusCode.BadRequest, "bad_request",
            "Destination URL must be relative.");
        await HttpAssert.Error(await Copy($"{db}/src", "dst?rev=bad"), HttpStatusCode.BadRequest, "bad_request", "Invalid rev format");
        await HttpAssert.Error(await Copy($"{db}/src", "_bad"), HttpStatusCode.BadRequest, "illegal_docid",
            "Only reserved document ids may start with underscore.");
        await HttpAssert.Error(await Copy($"{db}/nope", "dst"), HttpStatusCode.NotFound, "not_found", "missing");
    }
}
