using System.Net;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Http.Tests.Maintenance;

public sealed class SecurityEndpointTests(CouchServer server) : IClassFixture<CouchServer>
{
    private const string AdminOnly = """{"members":{"roles":["_admin"]},"admins":{"roles":["_admin"]}}""";

    private HttpClient Client => server.Client;

    [Fact]
    public async Task A_new_database_answers_the_admin_only_default()
    {
        string db = await NewDb(Client);
        var response = await Client.GetAsync($"{db}/_security");
        Assert.Equal(AdminOnly + "\n", await response.Content.ReadAsStringAsync());
        HttpAssert.CouchHeaders(response);
    }

    [Fact]
    public async Task Put_stores_the_object_as_given_and_get_returns_it()
    {
        string db = await NewDb(Client);
        const string security = """{"admins":{"names":["superuser"],"roles":["admins"]},"members":{"names":["user1","user2"],"roles":["developers"]},"note":{"any":[1,true,null]}}""";
        await HttpAssert.Body(await Put(Client, $"{db}/_security", security), HttpStatusCode.OK, """{"ok":true}""");
        Assert.Equal(security + "\n", await GetText(Client, $"{db}/_security"));
        await HttpAssert.Body(await Put(Client, $"{db}/_security", "{ \"members\" : { \"names\" : [ \"a b\" ] } }"), HttpStatusCode.OK, """{"ok":true}""");
        Assert.Equal("""{"members":{"names":["a b"]}}""" + "\n", await GetText(Client, $"{db}/_security"));
        await HttpAssert.Body(await Put(Client, $"{db}/_security", "{}"), HttpStatusCode.OK, """{"ok":true}""");
        Assert.Equal("{}\n", await GetText(Client, $"{db}/_security"));
        var head = await Send(Client, HttpMethod.Head, $"{db}/_security");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("""{"admins":["boss"]}""", "admins or members must be a JSON list of strings")]
    [InlineData("""{"members":"everyone"}""", "admins or members must be a JSON list of strings")]
    [InlineData("""{"admins":{"names":"boss"}}""", "names must be a JSON list of strings")]
    [InlineData("""{"members":{"names":["ok",1]}}""", "names must be a JSON list of strings")]
    [InlineData("""{"members":{"names":[],"roles":{"r":1}}}""", "roles must be a JSON list of strings")]
    [InlineData("""{"admins":{"roles":[null]}}""", "roles must be a JSON list of strings")]
    [InlineData("""{"readers":{"names":[false]}}""", "names must be a JSON list of strings")]
    [InlineData("""["admins"]""", "Request body must be a JSON object")]
    [InlineData("\"x\"", "Request body must be a JSON object")]
    [InlineData("{\"admins\":", "invalid UTF-8 JSON")]
    public async Task An_invalid_security_object_is_400_and_not_stored(string body, string reason)
    {
        string db = await NewDb(Client);
        await HttpAssert.Error(await Put(Client, $"{db}/_security", body), HttpStatusCode.BadRequest, "bad_request", reason);
        Assert.Equal(AdminOnly + "\n", await GetText(Client, $"{db}/_security"));
    }

    [Fact]
    public async Task Readers_are_not_checked_when_members_are_given()
    {
        string db = await NewDb(Client);
        const string security = """{"members":{"names":["a"]},"readers":"legacy"}""";
        await HttpAssert.Body(await Put(Client, $"{db}/_security", security), HttpStatusCode.OK, """{"ok":true}""");
        Assert.Equal(security + "\n", await GetText(Client, $"{db}/_security"));
    }

    [Fact]
    public async Task The_users_database_security_is_not_editable_by_default()
    {
        await Client.PutAsync("_users", null);
        await HttpAssert.Error(await Put(Client, "_users/_security", "{}"), HttpStatusCode.Forbidden, "forbidden",
            "You can't edit the security object of the user database.");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("_users/_security")).StatusCode);
    }
}
