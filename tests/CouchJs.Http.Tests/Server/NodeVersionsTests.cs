using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;
using CouchJs.QueryServers;

namespace CouchJs.Http.Tests.Server;

/// <summary><c>/_node/{node-name}/_versions</c>: the collation driver and the JavaScript engine in use, as CouchDB 3.4.3 reports them.</summary>
public sealed class NodeVersionsTests(CouchServer server) : IClassFixture<CouchServer>
{
    [Theory]
    [InlineData("/_node/_local/_versions")]
    [InlineData("/_node/nonode@nohost/_versions")]
    public async Task Versions_name_the_collation_driver_and_the_javascript_engine(string path)
    {
        var body = (await HttpAssert.Json(await server.Client.GetAsync(path), HttpStatusCode.OK))!.AsObject();
        Assert.Equal(["collation_driver", "javascript_engine"], body.Select(p => p.Key));
        var icu = body["collation_driver"]!.AsObject();
        Assert.Equal(["collation_algorithm_version", "collator_version", "library_version", "name"], icu.Select(p => p.Key));
        Assert.Equal("libicu", (string?)icu["name"]);
        Assert.Matches(@"^\d+\.\d+(\.\d+)*$", (string?)icu["library_version"]);
        Assert.Matches(@"^\d+(\.\d+)*$", (string?)icu["collation_algorithm_version"]);
        Assert.Matches(@"^\d+(\.\d+)*$", (string?)icu["collator_version"]);
        Assert.Equal($$"""{"name":"jint","version":"{{JintQueryServer.Version}}"}""", body["javascript_engine"]!.ToJsonString());
    }

    [Fact]
    public async Task Versions_follow_a_change_of_engine_without_a_restart()
    {
        var other = new CouchServer();
        await other.InitializeAsync();
        try
        {
            other.Host.Services.Config.Set("query_servers", "javascript", "v8", persist: false);
            var engine = (await HttpAssert.Json(await other.Client.GetAsync("/_node/_local/_versions"), HttpStatusCode.OK))!["javascript_engine"]!;
            Assert.Equal("v8", (string?)engine["name"]);
            Assert.Matches(@"^\d+\.\d+\.\d+", (string?)engine["version"]);
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task Versions_take_only_get() =>
        await HttpAssert.Error(await server.Client.PostAsync("/_node/_local/_versions", null), HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET allowed");

    [Fact]
    public async Task Versions_need_a_server_admin() =>
        await HttpAssert.Error(await server.Anonymous.GetAsync("/_node/_local/_versions"), HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");

    [Fact]
    public async Task Local_names_the_node() =>
        await HttpAssert.Body(await server.Client.GetAsync("/_node/_local"), HttpStatusCode.OK, """{"name":"nonode@nohost"}""");
}
