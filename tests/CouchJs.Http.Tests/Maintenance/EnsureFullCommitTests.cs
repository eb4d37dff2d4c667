using System.Net;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Http.Tests.Maintenance;

public sealed class EnsureFullCommitTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Ensure_full_commit_is_201_with_the_databases_instance_start_time()
    {
        string db = await NewDb(Client);
        string started = (string)(await Get(Client, db))["instance_start_time"]!;
        var response = await Post(Client, $"{db}/_ensure_full_commit", "");
        await HttpAssert.Body(response, HttpStatusCode.Created, $$"""{"ok":true,"instance_start_time":"{{started}}"}""");
        HttpAssert.CouchHeaders(response);
    }

    [Fact]
    public async Task Ensure_full_commit_needs_json_an_existing_database_and_post()
    {
        string db = await NewDb(Client);
        await HttpAssert.Error(await Client.PostAsync($"{db}/_ensure_full_commit", null), HttpStatusCode.UnsupportedMediaType,
            "bad_content_type", "Content-Type must be application/json");
        await HttpAssert.Error(await Post(Client, $"{CouchServer.NewDbName("missing")}/_ensure_full_commit", ""), HttpStatusCode.NotFound,
            "not_found", "Database does not exist.");
        var get = await Client.GetAsync($"{db}/_ensure_full_commit");
        await HttpAssert.Error(get, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only POST allowed");
        Assert.Equal("POST", get.Content.Headers.Allow.Single());
    }
}
