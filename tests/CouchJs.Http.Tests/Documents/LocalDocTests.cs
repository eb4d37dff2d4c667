using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Documents;

public sealed class LocalDocTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Local_docs_count_revisions_as_0_n()
    {
        string db = await DocKit.NewDb(Client);
        var created = await Client.PutAsync($"{db}/_local/cp", DocKit.Json("""{"seq":1,"_id":"ignored"}"""));
        await HttpAssert.Body(created, HttpStatusCode.Created, """{"ok":true,"id":"_local/cp","rev":"0-1"}""");
        Assert.Equal(new Uri(server.BaseAddress, $"{db}/_local%2Fcp"), created.Headers.Location);
        Assert.NotNull(created.Headers.ETag);
        await HttpAssert.Body(await Client.GetAsync($"{db}/_local/cp"), HttpStatusCode.OK, """{"_id":"_local/cp","_rev":"0-1","seq":1}""");
        await HttpAssert.Body(await Client.PutAsync($"{db}/_local/cp", DocKit.Json("""{"_rev":"0-1","seq":2}""")), HttpStatusCode.Created,
            """{"ok":true,"id":"_local/cp","rev":"0-2"}""");
        await HttpAssert.Body(await Client.PutAsync($"{db}/_local/cp?rev=0-2", DocKit.Json("""{"seq":3}""")), HttpStatusCode.Created,
            """{"ok":true,"id":"_local/cp","rev":"0-3"}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/_local%2Fcp"), HttpStatusCode.OK, """{"_id":"_local/cp","_rev":"0-3","seq":3}""");
    }

    [Fact]
    public async Task A_stale_or_missing_rev_is_409()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Json(await Client.PutAsync($"{db}/_local/x", DocKit.Json("{}")), HttpStatusCode.Created);
        await HttpAssert.Error(await Client.PutAsync($"{db}/_local/x", DocKit.Json("{}")), HttpStatusCode.Conflict, "conflict",
            "Document update conflict.");
        await HttpAssert.Error(await Client.PutAsync($"{db}/_local/x", DocKit.Json("""{"_rev":"0-7"}""")), HttpStatusCode.Conflict, "conflict",
            "Document update conflict.");
    }

    [Fact]
    public async Task Delete_needs_the_rev_and_then_the_doc_is_gone()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Json(await Client.PutAsync($"{db}/_local/x", DocKit.Json("""{"a":1}""")), HttpStatusCode.Created);
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/_local/x"), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
        await HttpAssert.Body(await Client.DeleteAsync($"{db}/_local/x?rev=0-1"), HttpStatusCode.OK, """{"ok":true,"id":"_local/x","rev":"0-0"}""");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_local/x"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/_local/x?rev=0-1"), HttpStatusCode.NotFound, "not_found", "missing");
        // Written again, it starts over.
        await HttpAssert.Body(await Client.PutAsync($"{db}/_local/x", DocKit.Json("{}")), HttpStatusCode.Created,
            """{"ok":true,"id":"_local/x","rev":"0-1"}""");
    }

    [Fact]
    public async Task Local_docs_are_not_documents_of_the_database()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Json(await Client.PutAsync($"{db}/_local/x", DocKit.Json("{}")), HttpStatusCode.Created);
        var info = await HttpAssert.Json(await Client.GetAsync(db), HttpStatusCode.OK);
        Assert.Equal(0, (int)info!["doc_count"]!);
        Assert.StartsWith("0-", (string?)info["update_seq"]);
    }

    [Fact]
    public async Task Etag_and_if_none_match()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Json(await Client.PutAsync($"{db}/_local/x", DocKit.Json("""{"a":1}""")), HttpStatusCode.Created);
        var response = await Client.GetAsync($"{db}/_local/x");
        string etag = response.Headers.ETag!.ToString();
        Assert.Matches("^\"[0-9A-Z]+\"$", etag);
        var request = new HttpRequestMessage(HttpMethod.Get, $"{db}/_local/x");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var cached = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
        Assert.Empty(await cached.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Copy_works_between_local_and_other_documents()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Json(await Client.PutAsync($"{db}/_local/src", DocKit.Json("""{"a":1}""")), HttpStatusCode.Created);
        var toLocal = new HttpRequestMessage(DocKit.Copy, $"{db}/_local/src");
        toLocal.Headers.TryAddWithoutValidation("Destination", "_local/dst");
        await HttpAssert.Body(await Client.SendAsync(toLocal), HttpStatusCode.Created, """{"ok":true,"id":"_local/dst","rev":"0-1"}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/_local/dst"), HttpStatusCode.OK, """{"_id":"_local/dst","_rev":"0-1","a":1}""");
        var toDoc = new HttpRequestMessage(DocKit.Copy, $"{db}/_local/src");
        toDoc.Headers.TryAddWithoutValidation("Destination", "plain");
        await HttpAssert.Json(await Client.SendAsync(toDoc), HttpStatusCode.Created);
        Assert.Equal(1, (int)(await DocKit.Get(Client, $"{db}/plain"))["a"]!);
    }

    [Fact]
    public async Task Missing_local_docs_are_404()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Error(await Client.GetAsync($"{db}/_local/none"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/_local/none"), HttpStatusCode.NotFound, "not_found", "missing");
    }
}
