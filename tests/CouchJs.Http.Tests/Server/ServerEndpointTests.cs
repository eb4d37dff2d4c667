using System.Net;
using System.Text.RegularExpressions;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Server;

public sealed partial class ServerEndpointTests(CouchServer server) : IClassFixture<CouchServer>
{
    [Fact]
    public async Task Welcome_is_public_and_has_couchdbs_fields()
    {
        var response = await server.Anonymous.GetAsync("/");
        var body = (await HttpAssert.Json(response, HttpStatusCode.OK))!.AsObject();
        HttpAssert.CouchHeaders(response);
        Assert.Equal(["couchdb", "version", "git_sha", "uuid", "features", "vendor"], body.Select(p => p.Key));
        Assert.Equal("Welcome", (string?)body["couchdb"]);
        Assert.Equal("3.4.3", (string?)body["version"]);
        Assert.Matches(Hex32(), (string?)body["uuid"]);
    }

    [Fact]
    public async Task Server_uuid_is_stable()
    {
        var first = (await HttpAssert.Json(await server.Client.GetAsync("/"), HttpStatusCode.OK))!["uuid"]!.ToString();
        var second = (await HttpAssert.Json(await server.Client.GetAsync("/"), HttpStatusCode.OK))!["uuid"]!.ToString();
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Up_reports_ok() =>
        await HttpAssert.Body(await server.Anonymous.GetAsync("/_up"), HttpStatusCode.OK, """{"status":"ok"}""");

    [Fact]
    public async Task Uuids_default_to_one_sequential_uuid()
    {
        var body = await HttpAssert.Json(await server.Client.GetAsync("/_uuids"), HttpStatusCode.OK);
        var uuids = body!["uuids"]!.AsArray();
        Assert.Single(uuids);
        Assert.Matches(Hex32(), (string?)uuids[0]);
    }

    [Fact]
    public async Task Sequential_uuids_share_a_prefix_and_increase()
    {
        var body = await HttpAssert.Json(await server.Client.GetAsync("/_uuids?count=10"), HttpStatusCode.OK);
        var uuids = body!["uuids"]!.AsArray().Select(u => (string)u!).ToList();
        Assert.Equal(10, uuids.Count);
        Assert.All(uuids, u => Assert.Equal(uuids[0][..26], u[..26]));
        Assert.Equal(uuids.Order(StringComparer.Ordinal), uuids);
        Assert.Equal(10, uuids.Distinct().Count());
    }

    [Fact]
    public async Task Too_many_uuids_is_a_bad_request() =>
        await HttpAssert.Error(await server.Client.GetAsync("/_uuids?count=1001"), HttpStatusCode.BadRequest, "bad_request", "count parameter too large");

    [Theory]
    [InlineData("-1")]
    [InlineData("x")]
    public async Task A_count_that_is_not_positive_is_a_bad_request(string count) =>
        await HttpAssert.Error(await server.Client.GetAsync("/_uuids?count=" + count), HttpStatusCode.BadRequest, "bad_request", "count must be a positive integer");

    [Fact]
    public async Task Uuids_are_not_cached()
    {
        var response = await server.Client.GetAsync("/_uuids");
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("Mon, 01 Jan 1990 00:00:00 GMT", response.Content.Headers.GetValues("Expires").Single());
    }

    [Fact]
    public async Task Wrong_method_is_405_with_allow()
    {
        var response = await server.Client.DeleteAsync("/_uuids");
        await HttpAssert.Error(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET allowed");
        Assert.Equal("GET", string.Join(",", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task All_dbs_needs_an_admin() =>
        await HttpAssert.Error(await server.Anonymous.GetAsync("/_all_dbs"), HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");

    [Fact]
    public async Task Wrong_password_is_401()
    {
        using var client = server.NewClient(authenticated: false);
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("admin:wrong"u8.ToArray()));
        await HttpAssert.Error(await client.GetAsync("/_all_dbs"), HttpStatusCode.Unauthorized, "unauthorized", "Name or password is incorrect.");
    }

    [Fact]
    public async Task All_dbs_lists_created_databases_sorted_with_paging()
    {
        string a = CouchServer.NewDbName("alldbs-a"), b = CouchServer.NewDbName("alldbs-b");
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PutAsync(b, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PutAsync(a, null)).StatusCode);
        var all = (await HttpAssert.Json(await server.Client.GetAsync("/_all_dbs"), HttpStatusCode.OK))!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Contains(a, all);
        var page = (await HttpAssert.Json(await server.Client.GetAsync($"/_all_dbs?startkey=%22{a}%22&limit=1"), HttpStatusCode.OK))!.AsArray();
        Assert.Equal(a, (string?)page.Single());
    }

    [Fact]
    public async Task Dbs_info_by_keys_reports_missing_ones()
    {
        string name = CouchServer.NewDbName();
        await server.Client.PutAsync(name, null);
        var content = new StringContent($$"""{"keys":["{{name}}","nope-{{name}}"]}""", System.Text.Encoding.UTF8, "application/json");
        var body = (await HttpAssert.Json(await server.Client.PostAsync("/_dbs_info", content), HttpStatusCode.OK))!.AsArray();
        Assert.Equal(name, (string?)body[0]!["info"]!["db_name"]);
        Assert.Equal($$"""{"key":"nope-{{name}}","error":"not_found"}""", body[1]!.ToJsonString());
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex32();
}
