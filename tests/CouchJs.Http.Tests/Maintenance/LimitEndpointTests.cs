using System.Net;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Http.Tests.Maintenance;

public sealed class LimitEndpointTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Revs_limit_is_a_bare_number_read_and_written()
    {
        string db = await NewDb(Client);
        var response = await Client.GetAsync($"{db}/_revs_limit");
        Assert.Equal("1000\n", await response.Content.ReadAsStringAsync());
        HttpAssert.CouchHeaders(response);
        await HttpAssert.Body(await Put(Client, $"{db}/_revs_limit", "5"), HttpStatusCode.OK, """{"ok":true}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/_revs_limit"), HttpStatusCode.OK, "5");
        var head = await Send(Client, HttpMethod.Head, $"{db}/_revs_limit");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_lower_revs_limit_stems_new_edits()
    {
        string db = await NewDb(Client);
        await Put(Client, $"{db}/_revs_limit", "2");
        string rev = await PutDoc(Client, db, "doc", "{}");
        for (int i = 0; i < 3; i++) rev = await PutDoc(Client, db, "doc", $$"""{"_rev":"{{rev}}"}""");
        var revisions = (await Get(Client, $"{db}/doc?revs=true"))["_revisions"]!;
        Assert.Equal(4, (int)revisions["start"]!);
        Assert.Equal(2, revisions["ids"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("\"foo\"", "Rev limit has to be an integer")]
    [InlineData("1.5", "Rev limit has to be an integer")]
    [InlineData("[5]", "Rev limit has to be an integer")]
    [InlineData("0", "invalid_revs_limit")]
    [InlineData("-3", "invalid_revs_limit")]
    [InlineData("{not json", "invalid UTF-8 JSON")]
    public async Task A_bad_revs_limit_is_400_and_changes_nothing(string body, string reason)
    {
        string db = await NewDb(Client);
        await HttpAssert.Error(await Put(Client, $"{db}/_revs_limit", body), HttpStatusCode.BadRequest, "bad_request", reason);
        await HttpAssert.Body(await Client.GetAsync($"{db}/_revs_limit"), HttpStatusCode.OK, "1000");
    }

    [Fact]
    public async Task Purged_infos_limit_is_a_bare_number_read_and_written()
    {
        string db = await NewDb(Client);
        await HttpAssert.Body(await Client.GetAsync($"{db}/_purged_infos_limit"), HttpStatusCode.OK, "1000");
        await HttpAssert.Body(await Put(Client, $"{db}/_purged_infos_limit", "1500"), HttpStatusCode.OK, """{"ok":true}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/_purged_infos_limit"), HttpStatusCode.OK, "1500");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("\"100\"")]
    [InlineData("2.5")]
    [InlineData("null")]
    public async Task A_bad_purged_infos_limit_is_400(string body)
    {
        string db = await NewDb(Client);
        await HttpAssert.Error(await Put(Client, $"{db}/_purged_infos_limit", body), HttpStatusCode.BadRequest, "bad_request",
            "`purged_infos_limit` must be positive integer");
        await HttpAssert.Body(await Client.GetAsync($"{db}/_purged_infos_limit"), HttpStatusCode.OK, "1000");
    }

    [Theory]
    [InlineData("_revs_limit", "POST", "PUT,GET")]
    [InlineData("_purged_infos_limit", "POST", "GET,PUT")]
    [InlineData("_security", "DELETE", "PUT,GET")]
    public async Task Other_methods_are_405_with_couchdbs_allow_list(string resource, string method, string allow)
    {
        string db = await NewDb(Client);
        var response = await Send(Client, new HttpMethod(method), $"{db}/{resource}", Json("1"));
        await HttpAssert.Error(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed", $"Only {allow} allowed");
        Assert.Equal(allow, string.Join(",", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("_revs_limit")]
    [InlineData("_purged_infos_limit")]
    [InlineData("_security")]
    [InlineData("_purged_infos")]
    public async Task A_missing_database_is_404(string resource) =>
        await HttpAssert.Error(await Client.GetAsync($"{CouchServer.NewDbName("missing")}/{resource}"), HttpStatusCode.NotFound,
            "not_found", "Database does not exist.");
}
