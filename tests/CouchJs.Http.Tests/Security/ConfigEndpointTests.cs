using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// <c>/_node/{node}/_config</c> (chttpd_node): reads of everything, a section or a key; PUT and DELETE
/// answering the replaced value; local.ini updated unless <c>X-Couch-Persist: false</c>;
/// <c>_reload</c>; the sections that cannot be changed over HTTP; admins stored hashed; server admins only.
/// </summary>
public sealed class ConfigEndpointTests(CouchServer server) : IClassFixture<CouchServer>
{
    private static string Section() => SecurityKit.NewName("cfg");

    private string LocalIni => File.ReadAllText(Path.Combine(server.DataDir, "local.ini"));

    private async Task<HttpResponseMessage> Put(string path, string json, bool persist = true)
    {
        using var request = SecurityKit.Request(HttpMethod.Put, path, json);
        if (!persist) request.Headers.Add("X-Couch-Persist", "false");
        return await server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Put_answers_the_old_value_and_persists()
    {
        string section = Section(), path = $"_node/_local/_config/{section}/key";
        await HttpAssert.Body(await Put(path, "\"one\""), HttpStatusCode.OK, "\"\"");
        await HttpAssert.Body(await Put(path, "\"  two  \""), HttpStatusCode.OK, "\"one\"");
        await HttpAssert.Body(await server.Client.GetAsync(path), HttpStatusCode.OK, "\"two\"");
        await HttpAssert.Body(await server.Client.GetAsync($"_node/_local/_config/{section}"), HttpStatusCode.OK, """{"key":"two"}""");
        Assert.Contains($"[{section}]\nkey = two\n", LocalIni.ReplaceLineEndings("\n"));
        await HttpAssert.Body(await server.Client.DeleteAsync(path), HttpStatusCode.OK, "\"two\"");
        Assert.DoesNotContain("key = two", LocalIni);
        await HttpAssert.Error(await server.Client.GetAsync(path), HttpStatusCode.NotFound, "not_found", "unknown_config_value");
        await HttpAssert.Error(await server.Client.DeleteAsync(path), HttpStatusCode.NotFound, "not_found", "unknown_config_value");
    }

    [Fact]
    public async Task A_change_not_persisted_leaves_local_ini_alone_and_reload_drops_it()
    {
        string section = Section(), path = $"_node/_local/_config/{section}/key";
        await HttpAssert.Body(await Put(path, "\"temporary\"", persist: false), HttpStatusCode.OK, "\"\"");
        Assert.DoesNotContain(section, LocalIni);
        await HttpAssert.Body(await server.Client.GetAsync(path), HttpStatusCode.OK, "\"temporary\"");
        await HttpAssert.Body(await server.Client.PostAsync("_node/nonode@nohost/_config/_reload", null), HttpStatusCode.OK, """{"ok":true}""");
        await HttpAssert.Error(await server.Client.GetAsync(path), HttpStatusCode.NotFound, "not_found", "unknown_config_value");
    }

    [Fact]
    public async Task Get_all_lists_every_section()
    {
        var all = (await HttpAssert.Json(await server.Client.GetAsync("_node/_local/_config"), HttpStatusCode.OK))!.AsObject();
        Assert.Equal("5984", (string?)all["chttpd"]!["port"]);
        Assert.StartsWith("-pbkdf2:sha256-", (string?)all["admins"]![CouchServer.Admin]);
        Assert.Equal(32, ((string?)all["chttpd_auth"]!["secret"])!.Length);
    }

    [Theory]
    [InlineData("42", 400, "bad_request", "a JSON string expected")]
    [InlineData("{\"a\":1}", 400, "bad_request", "a JSON string expected")]
    [InlineData("\"x", 400, "bad_request", "invalid UTF-8 JSON")]
    [InlineData("\"line\\nbreak\"", 400, "bad_request", "Invalid configuration value")]
    public async Task Put_refuses_what_is_no_storable_string(string body, int status, string error, string reason) =>
        await HttpAssert.Error(await Put($"_node/_local/_config/{Section()}/key", body), (HttpStatusCode)status, error, reason);

    [Theory]
    [InlineData("query_servers")]
    [InlineData("native_query_servers")]
    [InlineData("os_daemons")]
    public async Task Sections_that_run_programs_are_not_changed_over_http(string section)
    {
        const string Reason = "Config section blacklisted for modification over HTTP API.";
        await HttpAssert.Error(await Put($"_node/_local/_config/{section}/x", "\"/bin/sh\""), HttpStatusCode.Forbidden, "forbidden", Reason);
        await HttpAssert.Error(await server.Client.DeleteAsync($"_node/_local/_config/{section}/x"), HttpStatusCode.Forbidden, "forbidden", Reason);
    }

    [Fact]
    public async Task An_admin_set_here_is_stored_hashed_and_can_log_in()
    {
        string name = SecurityKit.NewName("cfgadmin");
        await HttpAssert.Body(await Put("_node/_local/_config/admins/" + name, "\"s3cret\""), HttpStatusCode.OK, "\"\"");
        string stored = (string)(await HttpAssert.Json(await server.Client.GetAsync("_node/_local/_config/admins/" + name), HttpStatusCode.OK))!;
        Assert.StartsWith("-pbkdf2:sha256-", stored);
        Assert.DoesNotContain("s3cret", LocalIni);
        using var admin = SecurityKit.As(server, name, "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("_all_dbs")).StatusCode);
        await HttpAssert.Body(await server.Client.DeleteAsync("_node/_local/_config/admins/" + name), HttpStatusCode.OK, JsonValue.Create(stored).ToJsonString());
    }

    [Fact]
    public async Task Methods_nodes_and_paths_are_checked()
    {
        await HttpAssert.Error(await server.Client.PostAsync("_node/_local/_config", null), HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET allowed");
        await HttpAssert.Error(await server.Client.GetAsync("_node/_local/_config/_reload"), HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only POST allowed");
        await HttpAssert.Error(await server.Client.PostAsync("_node/_local/_config/couchdb/uuid", null), HttpStatusCode.MethodNotAllowed,
            "method_not_allowed", "Only GET,PUT,DELETE allowed");
        await HttpAssert.Error(await server.Client.GetAsync("_node/_local/_config/a/b/c"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await server.Client.GetAsync("_node/couchdb@elsewhere/_config"), HttpStatusCode.NotFound, "not_found", "no such node: couchdb@elsewhere");
        await HttpAssert.Error(await server.Client.GetAsync("_node"), HttpStatusCode.BadRequest, "bad_request", "Incomplete path to _node request");
    }

    [Fact]
    public async Task Only_server_admins_see_or_change_it()
    {
        string user = SecurityKit.NewName("cfguser");
        await SecurityKit.CreateUser(server, user, SecurityKit.Password, "admins");
        using var client = SecurityKit.As(server, user);
        foreach (var response in (HttpResponseMessage[])
        [
            await server.Anonymous.GetAsync("_node/_local/_config"),
            await client.GetAsync("_node/_local/_config/couchdb/uuid"),
            await client.PutAsync("_node/_local/_config/admins/" + user, SecurityKit.Json("\"x\"")),
        ])
            await HttpAssert.Error(response, HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");
    }
}
