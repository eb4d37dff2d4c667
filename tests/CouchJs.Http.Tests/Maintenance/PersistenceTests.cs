using System.Net;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Http.Tests.Maintenance;

public sealed class PersistenceTests
{
    [Fact]
    public async Task Limits_security_purges_and_a_compaction_survive_a_restart()
    {
        await using var server = await RestartableServer.Start();
        string db = await NewDb(server.Client);
        const string security = """{"admins":{"names":["boss"],"roles":[]},"members":{"names":[],"roles":["staff"]}}""";
        await HttpAssert.Body(await Put(server.Client, $"{db}/_revs_limit", "7"), HttpStatusCode.OK, """{"ok":true}""");
        await HttpAssert.Body(await Put(server.Client, $"{db}/_purged_infos_limit", "9"), HttpStatusCode.OK, """{"ok":true}""");
        await HttpAssert.Body(await Put(server.Client, $"{db}/_security", security), HttpStatusCode.OK, """{"ok":true}""");
        string kept = await PutDoc(server.Client, db, "kept", """{"v":1}""");
        kept = await PutDoc(server.Client, db, "kept", $$"""{"_rev":"{{kept}}","v":2}""");
        string purged = await PutDoc(server.Client, db, "purged", "{}");
        await Post(server.Client, $"{db}/_purge", $$"""{"purged":["{{purged}}"]}""");
        await Post(server.Client, $"{db}/_compact", "");
        await WaitForCompaction(server.Client, db);
        string[] reads = [$"{db}/_revs_limit", $"{db}/_purged_infos_limit", $"{db}/_security", $"{db}/_purged_infos", $"{db}/kept?revs_info=true", $"{db}/_all_docs"];
        var before = new List<string>();
        foreach (string path in reads) before.Add(await GetText(server.Client, path));
        var info = await Get(server.Client, db);

        await server.Restart();

        for (int i = 0; i < reads.Length; i++) Assert.Equal(before[i], await GetText(server.Client, reads[i]));
        Assert.Equal("7\n", before[0]);
        Assert.Equal(security + "\n", before[2]);
        var after = await Get(server.Client, db);
        foreach (string field in new[] { "update_seq", "purge_seq", "doc_count", "sizes", "instance_start_time" })
            Assert.Equal(info[field]!.ToJsonString(), after[field]!.ToJsonString());
        await HttpAssert.Error(await server.Client.GetAsync($"{db}/purged"), HttpStatusCode.NotFound, "not_found", "missing");
    }
}
