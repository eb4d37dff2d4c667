using System.Net;
using System.Text;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Documents;

public sealed class DocumentGetTests(CouchServer server) : IClassFixture<CouchServer>
{
    private static readonly string A = "1-" + new string('a', 32);
    private static readonly string B = "1-" + new string('b', 32);
    private static readonly string C = "2-" + new string('c', 32);
    private static readonly string D = "1-" + new string('d', 32);

    private HttpClient Client => server.Client;

    [Fact]
    public async Task Get_returns_the_winner_with_its_rev_as_etag()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", """{"a":1,"b":{"c":[true,null]}}""");
        var response = await Client.SendAsync(DocKit.Request(HttpMethod.Get, $"{db}/doc", "application/json"));
        await HttpAssert.Body(response, HttpStatusCode.OK, $$$"""{"_id":"doc","_rev":"{{{rev}}}","a":1,"b":{"c":[true,null]}}""");
        HttpAssert.CouchHeaders(response);
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
        Assert.Equal((await response.Content.ReadAsByteArrayAsync()).Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task If_none_match_with_the_current_etag_is_304_without_body()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", """{"a":1}""");
        var request = DocKit.Request(HttpMethod.Get, $"{db}/doc");
        request.Headers.TryAddWithoutValidation("If-None-Match", $"\"1-other\", \"{rev}\"");
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        var stale = DocKit.Request(HttpMethod.Get, $"{db}/doc");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "\"1-other\"");
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Head_sends_the_headers_of_get_without_a_body()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", """{"a":1}""");
        var response = await Client.SendAsync(DocKit.Request(HttpMethod.Head, $"{db}/doc"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
        Assert.Equal(Encoding.UTF8.GetByteCount($$$"""{"_id":"doc","_rev":"{{{rev}}}","a":1}""") + 1, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(DocKit.Request(HttpMethod.Head, $"{db}/nope"))).StatusCode);
    }

    [Fact]
    public async Task Missing_and_deleted_documents_are_404_with_couchdbs_reasons()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Error(await Client.GetAsync($"{db}/nope"), HttpStatusCode.NotFound, "not_found", "missing");
        string rev = await DocKit.Put(Client, $"{db}/gone", """{"a":1}""");
        var deleted = await HttpAssert.Json(await Client.DeleteAsync($"{db}/gone?rev={rev}"), HttpStatusCode.OK);
        string tombstone = (string)deleted!["rev"]!;
        await HttpAssert.Error(await Client.GetAsync($"{db}/gone"), HttpStatusCode.NotFound, "not_found", "deleted");
        await HttpAssert.Body(await Client.GetAsync($"{db}/gone?rev={tombstone}"), HttpStatusCode.OK,
            $$$"""{"_id":"gone","_rev":"{{{tombstone}}}","_deleted":true}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/gone?deleted=true"), HttpStatusCode.OK,
            $$$"""{"_id":"gone","_rev":"{{{tombstone}}}","_deleted":true}""");
    }

    [Fact]
    public async Task Rev_opens_an_older_revision_and_an_unknown_rev_is_404()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/doc", """{"v":1}""");
        string second = await DocKit.Put(Client, $"{db}/doc", $$$"""{"_rev":"{{{first}}}","v":2}""");
        var old = await Client.GetAsync($"{db}/doc?rev={first}");
        await HttpAssert.Body(old, HttpStatusCode.OK, $$$"""{"_id":"doc","_rev":"{{{first}}}","v":1}""");
        Assert.Equal($"\"{first}\"", old.Headers.ETag?.ToString());
        await HttpAssert.Body(await Client.GetAsync($"{db}/doc?rev={second}"), HttpStatusCode.OK, $$$"""{"_id":"doc","_rev":"{{{second}}}","v":2}""");
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc?rev=9-{new string('f', 32)}"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc?rev=bogus"), HttpStatusCode.BadRequest, "bad_request", "Invalid rev format");
    }

    [Fact]
    public async Task Revs_lists_the_revision_path_newest_first()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/doc", "{}");
        string second = await DocKit.Put(Client, $"{db}/doc", $$$"""{"_rev":"{{{first}}}"}""");
        var response = await Client.GetAsync($"{db}/doc?revs=true");
        await HttpAssert.Body(response, HttpStatusCode.OK,
            $$$"""{"_id":"doc","_rev":"{{{second}}}","_revisions":{"start":2,"ids":["{{{second[2..]}}}","{{{first[2..]}}}"]}}""");
        Assert.NotNull(response.Headers.ETag);
        await HttpAssert.Body(await Client.GetAsync($"{db}/doc?revs=true&rev={first}"), HttpStatusCode.OK,
            $$$"""{"_id":"doc","_rev":"{{{first}}}","_revisions":{"start":1,"ids":["{{{first[2..]}}}"]}}""");
    }

    [Fact]
    public async Task Revs_info_shows_every_known_revision_and_drops_the_etag()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/doc", "{}");
        string second = await DocKit.Put(Client, $"{db}/doc", $$$"""{"_rev":"{{{first}}}"}""");
        var response = await Client.GetAsync($"{db}/doc?revs_info=true");
        await HttpAssert.Body(response, HttpStatusCode.OK,
            $$$"""{"_id":"doc","_rev":"{{{second}}}","_revs_info":[{"rev":"{{{second}}}","status":"available"},{"rev":"{{{first}}}","status":"available"}]}""");
        Assert.Null(response.Headers.ETag);
        // CouchDB shows no meta fields for a revision opened by rev.
        await HttpAssert.Body(await Client.GetAsync($"{db}/doc?revs_info=true&rev={first}"), HttpStatusCode.OK,
            $$$"""{"_id":"doc","_rev":"{{{first}}}"}""");
    }

    [Fact]
    public async Task Conflicts_deleted_conflicts_and_meta_list_the_losing_leaves()
    {
        string db = await DocKit.NewDb(Client);
        await MakeConflicts(db);
        await HttpAssert.Body(await Client.GetAsync($"{db}/c"), HttpStatusCode.OK, $$$"""{"_id":"c","_rev":"{{{D}}}","v":"d"}""");
        var conflicts = await Client.GetAsync($"{db}/c?conflicts=true");
        await HttpAssert.Body(conflicts, HttpStatusCode.OK, $$$"""{"_id":"c","_rev":"{{{D}}}","v":"d","_conflicts":["{{{B}}}"]}""");
        Assert.Null(conflicts.Headers.ETag);
        await HttpAssert.Body(await Client.GetAsync($"{db}/c?deleted_conflicts=true"), HttpStatusCode.OK,
            $$$"""{"_id":"c","_rev":"{{{D}}}","v":"d","_deleted_conflicts":["{{{C}}}"]}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/c?meta=true"), HttpStatusCode.OK,
            $$$"""{"_id":"c","_rev":"{{{D}}}","v":"d","_revs_info":[{"rev":"{{{D}}}","status":"available"}],"_conflicts":["{{{B}}}"],"_deleted_conflicts":["{{{C}}}"]}""");
    }

    [Fact]
    public async Task Conflicts_without_any_keeps_the_etag()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", "{}");
        var response = await Client.GetAsync($"{db}/doc?conflicts=true&deleted_conflicts=true");
        await HttpAssert.Body(response, HttpStatusCode.OK, $$$"""{"_id":"doc","_rev":"{{{rev}}}"}""");
        Assert.Equal($"\"{rev}\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Local_seq_is_the_documents_update_seq()
    {
        string db = await DocKit.NewDb(Client);
        await DocKit.Put(Client, $"{db}/first", "{}");
        string rev = await DocKit.Put(Client, $"{db}/second", "{}");
        var response = await Client.GetAsync($"{db}/second?local_seq=true");
        await HttpAssert.Body(response, HttpStatusCode.OK, $$$"""{"_id":"second","_rev":"{{{rev}}}","_local_seq":2}""");
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Latest_with_rev_opens_the_winner()
    {
        string db = await DocKit.NewDb(Client);
        string first = await DocKit.Put(Client, $"{db}/doc", """{"v":1}""");
        string second = await DocKit.Put(Client, $"{db}/doc", $$$"""{"_rev":"{{{first}}}","v":2}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/doc?rev={first}&latest=true"), HttpStatusCode.OK,
            $$$"""{"_id":"doc","_rev":"{{{second}}}","v":2}""");
    }

    [Fact]
    public async Task Flags_take_effect_only_for_true()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", "{}");
        await HttpAssert.Body(await Client.GetAsync($"{db}/doc?revs=yes&revs_info=1&conflicts=false&local_seq=TRUE"), HttpStatusCode.OK,
            $$$"""{"_id":"doc","_rev":"{{{rev}}}"}""");
    }

    [Fact]
    public async Task Design_documents_are_stored_and_returned_like_documents()
    {
        string db = await DocKit.NewDb(Client);
        const string body = """{"language":"javascript","views":{"all":{"map":"function(doc){ emit(doc._id, null); }"}}}""";
        var created = await Client.PutAsync($"{db}/_design/app", DocKit.Json(body));
        var json = await HttpAssert.Json(created, HttpStatusCode.Created);
        string rev = (string)json!["rev"]!;
        Assert.Equal(new Uri(server.BaseAddress, $"{db}/_design%2Fapp"), created.Headers.Location);
        await HttpAssert.Body(await Client.GetAsync($"{db}/_design/app"), HttpStatusCode.OK,
            $$$$"""{"_id":"_design/app","_rev":"{{{{rev}}}}","language":"javascript","views":{"all":{"map":"function(doc){ emit(doc._id, null); }"}}}""");
        string updated = await DocKit.Put(Client, $"{db}/_design%2Fapp", $$$"""{"_rev":"{{{rev}}}","views":{}}""");
        Assert.StartsWith("2-", updated);
    }

    [Fact]
    public async Task An_escaped_design_id_is_redirected_to_the_plain_path()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/_design/app", "{}");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = server.Client.DefaultRequestHeaders.Authorization;
        var response = await client.GetAsync($"{db}/_design%2Fapp?revs=true");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri(server.BaseAddress, $"{db}/_design/app?revs=true"), response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(response.Headers.Location)).StatusCode);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{db}/_design%2Fapp"));
        Assert.Equal(HttpStatusCode.MovedPermanently, head.StatusCode);
        // Other methods take the escaped id as the document's id.
        Assert.StartsWith("2-", await DocKit.Put(Client, $"{db}/_design%2Fapp", $$$"""{"_rev":"{{{rev}}}"}"""));
    }

    [Fact]
    public async Task Ids_with_special_characters_round_trip()
    {
        string db = await DocKit.NewDb(Client);
        const string id = "a/b c+é";
        var created = await Client.PutAsync($"{db}/{Uri.EscapeDataString(id)}", DocKit.Json("{}"));
        await HttpAssert.Json(created, HttpStatusCode.Created);
        Assert.Equal($"{server.BaseAddress}{db}/a%2Fb%20c%2B%C3%A9", created.Headers.Location?.OriginalString);
        var doc = await DocKit.Get(Client, $"{db}/{Uri.EscapeDataString(id)}");
        Assert.Equal(id, (string?)doc["_id"]);
    }

    [Fact]
    public async Task A_bare_local_path_is_not_a_document()
    {
        string db = await DocKit.NewDb(Client);
        await HttpAssert.Error(await Client.GetAsync($"{db}/_local"), HttpStatusCode.BadRequest, "bad_request", "Invalid _local document id.");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_local%2F"), HttpStatusCode.BadRequest, "bad_request", "Invalid _local document id.");
    }

    [Fact]
    public async Task A_missing_database_is_404()
    {
        await HttpAssert.Error(await Client.GetAsync($"{CouchServer.NewDbName("none")}/doc"), HttpStatusCode.NotFound, "not_found",
            "Database does not exist.");
    }

    // Leaves 1-b and 1-d live, 2-c deleted (child of 1-a): the winner is 1-d.
    private async Task MakeConflicts(string db)
    {
        await DocKit.Replicate(Client, $"{db}/c", $$$"""{"_rev":"{{{A}}}","v":"a"}""");
        await DocKit.Replicate(Client, $"{db}/c", $$$"""{"_rev":"{{{B}}}","v":"b"}""");
        await DocKit.Replicate(Client, $"{db}/c",
            $$$"""{"_revisions":{"start":2,"ids":["{{{C[2..]}}}","{{{A[2..]}}}"]},"_deleted":true}""");
        await DocKit.Replicate(Client, $"{db}/c", $$$"""{"_rev":"{{{D}}}","v":"d"}""");
    }
}
