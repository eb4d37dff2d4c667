using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Documents;

public sealed class DocumentDeleteTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Delete_with_rev_is_200_with_the_tombstones_rev()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", """{"a":1}""");
        var response = await Client.DeleteAsync($"{db}/doc?rev={rev}");
        var body = await HttpAssert.Json(response, HttpStatusCode.OK);
        string tombstone = (string)body!["rev"]!;
        Assert.StartsWith("2-", tombstone);
        await HttpAssert.Body(response, HttpStatusCode.OK, $$$"""{"ok":true,"id":"doc","rev":"{{{tombstone}}}"}""");
        Assert.Equal($"\"{tombstone}\"", response.Headers.ETag?.ToString());
        HttpAssert.CouchHeaders(response);
        await HttpAssert.Body(await Client.GetAsync($"{db}/doc?rev={tombstone}&revs=true"), HttpStatusCode.OK,
            $$$"""{"_id":"doc","_rev":"{{{tombstone}}}","_deleted":true,"_revisions":{"start":2,"ids":["{{{tombstone[2..]}}}","{{{rev[2..]}}}"]}}""");
        var info = await HttpAssert.Json(await Client.GetAsync(db), HttpStatusCode.OK);
        Assert.Equal((0, 1), ((int)info!["doc_count"]!, (int)info["doc_del_count"]!));
    }

    [Fact]
    public async Task If_match_gives_the_rev_too()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", "{}");
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{db}/doc");
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{rev}\"");
        await HttpAssert.Json(await Client.SendAsync(request), HttpStatusCode.OK);
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc"), HttpStatusCode.NotFound, "not_found", "deleted");
    }

    [Fact]
    public async Task Without_a_rev_or_with_a_stale_one_it_is_409()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/doc", "{}");
        await DocKit.Put(Client, $"{db}/doc", $$$"""{"_rev":"{{{first}}}"}""");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/doc"), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/doc?rev={first}"), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
    }

    [Fact]
    public async Task Missing_or_already_deleted_documents_are_404()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/nope?rev=1-abc"), HttpStatusCode.NotFound, "not_found", "missing");
        string rev = await DocKit.Put(Client, $"{db}/doc", "{}");
        var tombstone = (string)(await HttpAssert.Json(await Client.DeleteAsync($"{db}/doc?rev={rev}"), HttpStatusCode.OK))!["rev"]!;
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/doc?rev={tombstone}"), HttpStatusCode.NotFound, "not_found", "deleted");
    }

    [Fact]
    public async Task Bad_or_disagreeing_revs_are_400()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", "{}");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/doc?rev=bad"), HttpStatusCode.BadRequest, "bad_request", "Invalid rev format");
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{db}/doc?rev={rev}");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1-other\"");
        await HttpAssert.Error(await Client.SendAsync(request), HttpStatusCode.BadRequest, "bad_request", "Document rev and etag have different values");
    }

    [Fact]
    public async Task Deleting_a_conflict_leaf_promotes_the_other_branch()
    {
        string db = await DocKit.NewDb(Client);
        string low = "1-" + new string('1', 32), high = "1-" + new string('2', 32);
        await DocKit.Replicate(Client, $"{db}/c", $$$"""{"_rev":"{{{low}}}","v":"low"}""");
        await DocKit.Replicate(Client, $"{db}/c", $$$"""{"_rev":"{{{high}}}","v":"high"}""");
        await HttpAssert.Json(await Client.DeleteAsync($"{db}/c?rev={high}"), HttpStatusCode.OK);
        await HttpAssert.Body(await Client.GetAsync($"{db}/c"), HttpStatusCode.OK, $$$"""{"_id":"c","_rev":"{{{low}}}","v":"low"}""");
    }
}
