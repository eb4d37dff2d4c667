using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Http.Tests.Maintenance;

public sealed class CompactionTaskTests
{
    [Fact]
    public async Task A_running_compaction_is_listed_in_active_tasks_and_in_db_info()
    {
        await using var server = await RestartableServer.Start();
        var client = server.Client;
        string db = await NewDb(client);
        var docs = new JsonArray();
        for (int i = 0; i < 2000; i++) docs.Add(new JsonObject { ["_id"] = $"d{i:D5}" });
        Assert.Equal(HttpStatusCode.Created, (await Post(client, $"{db}/_bulk_docs", new JsonObject { ["docs"] = docs }.ToJsonString())).StatusCode);
        await HttpAssert.Body(await client.GetAsync("_active_tasks"), HttpStatusCode.OK, "[]");

        // Holding the database's write lock keeps the compaction at its final swap, so it stays listed.
        var file = server.Host.Services.Databases.Open(db).File;
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            file.WriteLock.Enter();
            held.Set();
            release.Wait();
            file.WriteLock.Exit();
        });
        holder.Start();
        held.Wait();
        try
        {
            await HttpAssert.Body(await Post(client, $"{db}/_compact", ""), HttpStatusCode.Accepted, """{"ok":true}""");
            Assert.True((bool)(await Get(client, db))["compact_running"]!);
            JsonObject task;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                task = Assert.Single((await Get(client, "_active_tasks")).AsArray())!.AsObject();
                if ((long)task["total_changes"]! > 0 && (long)task["changes_done"]! == (long)task["total_changes"]!) break;
                Assert.True(DateTime.UtcNow < deadline, "the copy did not finish in 30 s");
                await Task.Delay(20);
            }
            Assert.Equal(
                ["node", "pid", "process_status", "changes_done", "database", "phase", "progress", "started_on", "total_changes", "type", "updated_on"],
                task.Select(p => p.Key));
            Assert.Equal(("database_compaction", db, "document_copy"), ((string)task["type"]!, (string)task["database"]!, (string)task["phase"]!));
            // By-id and by-seq entries both count.
            Assert.Equal((4000L, 100), ((long)task["total_changes"]!, (int)task["progress"]!));
            Assert.InRange((long)task["updated_on"]! - (long)task["started_on"]!, 0, 60);
            // Asking again while it runs is accepted and starts nothing new.
            await HttpAssert.Body(await Post(client, $"{db}/_compact", ""), HttpStatusCode.Accepted, """{"ok":true}""");
            Assert.Single((await Get(client, "_active_tasks")).AsArray());
        }
        finally
        {
            release.Set();
            holder.Join();
        }
        await WaitForCompaction(client, db);
        await HttpAssert.Body(await client.GetAsync("_active_tasks"), HttpStatusCode.OK, "[]");
        Assert.Equal(2000, (int)(await Get(client, db))["doc_count"]!);
    }
}
