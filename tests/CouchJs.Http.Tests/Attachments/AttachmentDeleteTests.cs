using System.Net;
using CouchJs.Http.Tests.Documents;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Attachments.AttachmentKit;

namespace CouchJs.Http.Tests.Attachments;

/// <summary>DELETE /{db}/{docid}/{attname}, with CouchDB's answers from its attachments test.</summary>
public sealed class AttachmentDeleteTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    private async Task<(string Db, string Rev)> DocWithAttachments()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/bin_doc",
            """{"v":1,"_attachments":{"foo.txt":{"content_type":"application/octet-stream","data":"VGhpcyBpcyBhIGJhc2U2NCBlbmNvZGVkIHRleHQ="},"bar.txt":{"content_type":"text/plain","data":"YmFy"}}}""");
        return (db, rev);
    }

    [Fact]
    public async Task Delete_with_the_rev_is_200_with_the_new_rev_and_no_location()
    {
        var (db, rev) = await DocWithAttachments();
        var response = await Client.DeleteAsync($"{db}/bin_doc/foo.txt?rev={rev}");
        var body = await HttpAssert.Json(response, HttpStatusCode.OK);
        string newRev = (string)body!["rev"]!;
        await HttpAssert.Body(response, HttpStatusCode.OK, $$"""{"ok":true,"id":"bin_doc","rev":"{{newRev}}"}""");
        HttpAssert.CouchHeaders(response);
        Assert.StartsWith("2-", newRev);
        Assert.Null(response.Headers.Location);
        Assert.Equal($"\"{newRev}\"", response.Headers.ETag?.ToString());
        var doc = await DocKit.Get(Client, $"{db}/bin_doc");
        Assert.Equal(1, (int)doc["v"]!);
        Assert.Equal(["bar.txt"], doc["_attachments"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Delete_with_if_match_works_like_the_rev()
    {
        var (db, rev) = await DocWithAttachments();
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{db}/bin_doc/bar.txt");
        request.Headers.IfMatch.ParseAdd($"\"{rev}\"");
        await HttpAssert.Json(await Client.SendAsync(request), HttpStatusCode.OK);
        Assert.Equal(["foo.txt"], (await DocKit.Get(Client, $"{db}/bin_doc"))["_attachments"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Couchdb_errors_for_deletes()
    {
        var (db, rev) = await DocWithAttachments();
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/bin_doc/foo.txt"), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/bin_doc/foo.txt?rev=4-garbage"), HttpStatusCode.Conflict, "not_found", "missing_rev");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/bin_doc/notexisting.txt?rev={rev}"), HttpStatusCode.NotFound, "not_found", "Document is missing attachment");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/bin_doc/notexisting.txt"), HttpStatusCode.NotFound, "not_found", "Document is missing attachment");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/nodoc/foo.txt"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/nodoc/foo.txt?rev={rev}"), HttpStatusCode.Conflict, "not_found", "missing_rev");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/bin_doc/_foo.txt?rev={rev}"), HttpStatusCode.BadRequest, "bad_request",
            "Attachment name '_foo.txt' starts with prohibited character '_'");
        string second = await Put(Client, $"{db}/bin_doc/new.bin?rev={rev}", [1]);
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/bin_doc/foo.txt?rev={rev}"), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
        await HttpAssert.Json(await Client.DeleteAsync($"{db}/bin_doc/foo.txt?rev={second}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_delete_with_a_body_does_not_block_the_connection()
    {
        var (db, rev) = await DocWithAttachments();
        using var client = server.NewClient(authenticated: true);
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{db}/bin_doc/foo.txt?rev={rev}") { Content = new StringContent("some payload") };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("")).StatusCode);
    }
}
