using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Views;

/// <summary><c>_info</c>, <c>_compact/{ddoc}</c>, <c>_view_cleanup</c>, and indexers in <c>_active_tasks</c>.</summary>
public sealed class DesignDocInfoTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Info_has_every_field_with_real_values()
    {
        string db = await ViewKit.Create(Client);
        var before = await ViewKit.Get(Client, db + "/_design/v/_info");
        Assert.Equal("v", (string)before["name"]!);
        var index = before["view_index"]!.AsObject();
        Assert.Equal(
            ["updates_pending", "waiting_commit", "waiting_clients", "updater_running", "update_seq", "sizes", "signature", "purge_seq", "language", "compact_running", "collator_versions"],
            index.Select(m => m.Key));
        Assert.Matches("^[0-9a-f]{32}$", (string)index["signature"]!);
        Assert.Equal("javascript", (string)index["language"]!);
        Assert.Equal(0, (int)index["purge_seq"]!);
        Assert.False((bool)index["compact_running"]!);
        Assert.False((bool)index["waiting_commit"]!);
        Assert.Equal(0, (int)index["waiting_clients"]!);
        Assert.Equal(["file", "external", "active"], index["sizes"]!.AsObject().Select(m => m.Key));
        Assert.Matches("^[0-9]+(\\.[0-9]+)*$", (string)index["collator_versions"]![0]!);

        await Client.GetStringAsync(db + "/_design/v/_view/by_key");
        var after = (await ViewKit.Get(Client, db + "/_design/v/_info"))["view_index"]!;
        Assert.Equal(7, (int)after["update_seq"]!);
        Assert.Equal("""{"minimum":0,"preferred":0,"total":0}""", after["updates_pending"]!.ToJsonString());
        var sizes = after["sizes"]!;
        Assert.True((long)sizes["file"]! > 0 && (long)sizes["active"]! > 0 && (long)sizes["active"]! <= (long)sizes["file"]!);
        Assert.True((long)sizes["external"]! > 0);

        await TestDb.Put(Client, db, "pending");
        var pending = (await ViewKit.Get(Client, db + "/_design/v/_info"))["view_index"]!["updates_pending"]!;
        Assert.Equal(1, (int)pending["total"]!);
    }

    [Fact]
    public async Task Compact_answers_202_and_keeps_the_view()
    {
        string db = await ViewKit.Create(Client);
        string before = await Client.GetStringAsync(db + "/_design/v/_view/sum?group=true");
        var response = await TestDb.Post(Client, db + "/_compact/v", "{}");
        await HttpAssert.Body(response, HttpStatusCode.Accepted, """{"ok":true}""");
        for (int i = 0; i < 1500 && (bool)(await ViewKit.Get(Client, db + "/_design/v/_info"))["view_index"]!["compact_running"]!; i++) await Task.Delay(20);
        Assert.Equal(before, await Client.GetStringAsync(db + "/_design/v/_view/sum?group=true"));
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_compact/missing", "{}"), HttpStatusCode.Accepted, """{"ok":true}""");
        await HttpAssert.Error(await Client.PostAsync(db + "/_compact/v", new StringContent("{}")), HttpStatusCode.UnsupportedMediaType,
            "bad_content_type", "Content-Type must be application/json");
    }

    [Fact]
    public async Task View_cleanup_answers_202_and_keeps_current_indexes()
    {
        string db = await ViewKit.Create(Client);
        await Client.GetStringAsync(db + "/_design/v/_view/by_key");
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_view_cleanup", "{}"), HttpStatusCode.Accepted, """{"ok":true}""");
        Assert.Equal(6, (int)(await ViewKit.Get(Client, db + "/_design/v/_view/by_key?update=false"))["total_rows"]!);
        await HttpAssert.Error(await Client.GetAsync(db + "/_view_cleanup"), HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only POST allowed");
    }

    [Fact]
    public async Task A_running_indexer_shows_in_active_tasks()
    {
        string db = await TestDb.Create(Client, "busy");
        var docs = new JsonArray();
        for (int i = 0; i < 20000; i++) docs.Add(new JsonObject { ["_id"] = $"d{i:D5}", ["n"] = i });
        await TestDb.BulkDocs(Client, db, docs.ToJsonString());
        await Client.PutAsync(db + "/_design/slow", TestDb.Json("""{"views":{"v":{"map":"function (doc) { for (var i = 0; i < 6000; i++) {} emit(doc.n, null); }"}}}"""));
        var query = Client.GetAsync(db + "/_design/slow/_view/v?limit=1");
        JsonNode? task = null;
        for (int i = 0; i < 500 && task is null && !query.IsCompleted; i++)
        {
            var tasks = (await ViewKit.Get(Client, "_active_tasks")).AsArray();
            task = tasks.FirstOrDefault(t => (string)t!["type"]! == "indexer" && (string)t["database"]! == db);
            if (task is null) await Task.Delay(10);
        }
        Assert.NotNull(task);
        Assert.Equal("_design/slow", (string)task!["design_document"]!);
        Assert.Equal(20001, (int)task["total_changes"]!);
        Assert.Equal(
            ["node", "pid", "process_status", "changes_done", "database", "design_document", "indexer_pid", "progress", "started_on", "total_changes", "type", "updated_on"],
            task.AsObject().Select(p => p.Key));
        Assert.Matches("^<0\\.[0-9]+\\.0>$", (string)task["indexer_pid"]!);
        Assert.NotEqual((string)task["pid"]!, (string)task["indexer_pid"]!);
        Assert.Equal(HttpStatusCode.OK, (await query).StatusCode);
    }
}
