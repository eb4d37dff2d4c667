using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Http.Tests.Views;

/// <summary>
/// <c>_local/purge-mrview-{signature}</c>: a view index's purge checkpoint, which keeps a database
/// compaction from dropping the purge infos the index has yet to apply (couch_db:get_minimum_purge_seq).
/// </summary>
public sealed class PurgeCheckpointTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    private async Task<(string Db, Dictionary<string, string> Revs, string Checkpoint)> IndexedDb()
    {
        string db = await NewDb(Client);
        // Not autoupdated: the background indexer must not catch the index up behind a test's back.
        await PutDoc(Client, db, "_design/v", """{"autoupdate":false,"views":{"all":{"map":"function (doc) { emit(doc._id, null); }"}}}""");
        var revs = new Dictionary<string, string>();
        foreach (string id in new[] { "d0", "d1", "d2", "d3" }) revs[id] = await PutDoc(Client, db, id, "{}");
        Assert.Equal(4, (int)(await Get(Client, $"{db}/_design/v/_view/all"))["total_rows"]!);
        string signature = (string)(await Get(Client, $"{db}/_design/v/_info"))["view_index"]!["signature"]!;
        return (db, revs, $"{db}/_local/purge-mrview-{signature}");
    }

    private async Task<JsonObject> CheckpointAt(string path, long purgeSeq)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var doc = (await Get(Client, path)).AsObject();
            if ((long?)doc["purge_seq"] == purgeSeq) return doc;
            Assert.True(DateTime.UtcNow < deadline, $"the checkpoint stayed at {doc.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    private async Task Purge(string db, Dictionary<string, string> revs, params string[] ids)
    {
        foreach (string id in ids)
            Assert.Equal(HttpStatusCode.Created, (await Post(Client, $"{db}/_purge", $$"""{"{{id}}":["{{revs[id]}}"]}""")).StatusCode);
    }

    private async Task<int> PurgedInfos(string db) => (await Get(Client, $"{db}/_purged_infos"))["purged_infos"]!.AsArray().Count;

    private async Task Compact(string db)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await Post(Client, $"{db}/_compact", "{}")).StatusCode);
        await WaitForCompaction(Client, db);
    }

    [Fact]
    public async Task An_index_writes_its_checkpoint_and_moves_it_with_its_purge_seq()
    {
        var (db, revs, path) = await IndexedDb();
        var doc = await CheckpointAt(path, 0);
        string signature = path[(path.LastIndexOf('-') + 1)..];
        Assert.Equal(["_id", "_rev", "type", "purge_seq", "updated_on", "ddoc_id", "signature"], doc.Select(p => p.Key));
        Assert.Equal((path[(db.Length + 1)..], "0-1", "mrview", "_design/v", signature),
            ((string)doc["_id"]!, (string)doc["_rev"]!, (string)doc["type"]!, (string)doc["ddoc_id"]!, (string)doc["signature"]!));
        Assert.InRange((long)doc["updated_on"]!, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);

        await Purge(db, revs, "d0");
        Assert.Equal(3, (int)(await Get(Client, $"{db}/_design/v/_view/all"))["total_rows"]!);
        Assert.Equal("0-2", (string)(await CheckpointAt(path, 1))["_rev"]!);
    }

    [Fact]
    public async Task Opening_an_index_writes_its_checkpoint_at_the_databases_purge_seq_even_with_update_false()
    {
        string db = await NewDb(Client);
        string rev = await PutDoc(Client, db, "gone", "{}");
        Assert.Equal(HttpStatusCode.Created, (await Post(Client, $"{db}/_purge", $$"""{"gone":["{{rev}}"]}""")).StatusCode);
        await PutDoc(Client, db, "kept", "{}");
        await PutDoc(Client, db, "_design/v", """{"autoupdate":false,"views":{"all":{"map":"function (doc) { emit(doc._id, null); }"}}}""");
        Assert.Equal(0, (int)(await Get(Client, $"{db}/_design/v/_view/all?update=false"))["total_rows"]!);
        string signature = (string)(await Get(Client, $"{db}/_design/v/_info"))["view_index"]!["signature"]!;
        // Written before the query was answered: no waiting.
        var doc = await Get(Client, $"{db}/_local/purge-mrview-{signature}");
        Assert.Equal((1L, "0-1"), ((long)doc["purge_seq"]!, (string)doc["_rev"]!));
    }

    [Fact]
    public async Task Compaction_keeps_the_purge_infos_an_index_has_yet_to_apply()
    {
        var (db, revs, path) = await IndexedDb();
        await CheckpointAt(path, 0);
        Assert.Equal(HttpStatusCode.OK, (await Put(Client, $"{db}/_purged_infos_limit", "1")).StatusCode);
        await Purge(db, revs, "d0", "d1", "d2");
        await Compact(db);
        Assert.Equal(3, await PurgedInfos(db));

        // Once the index has caught up, the limit alone decides.
        Assert.Equal(1, (int)(await Get(Client, $"{db}/_design/v/_view/all"))["total_rows"]!);
        await CheckpointAt(path, 3);
        await Compact(db);
        Assert.Equal(1, await PurgedInfos(db));
    }

    [Fact]
    public async Task A_checkpoint_of_a_deleted_design_doc_holds_nothing_back_and_cleanup_removes_it()
    {
        var (db, revs, path) = await IndexedDb();
        await CheckpointAt(path, 0);
        string ddocRev = (string)(await Get(Client, $"{db}/_design/v"))["_rev"]!;
        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteAsync($"{db}/_design/v?rev={ddocRev}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Put(Client, $"{db}/_purged_infos_limit", "1")).StatusCode);
        await Purge(db, revs, "d0", "d1", "d2");
        await Compact(db);
        Assert.Equal(1, await PurgedInfos(db));

        Assert.Equal(HttpStatusCode.Accepted, (await Post(Client, $"{db}/_view_cleanup", "{}")).StatusCode);
        await HttpAssert.Error(await Client.GetAsync(path), HttpStatusCode.NotFound, "not_found", "missing");
    }
}
