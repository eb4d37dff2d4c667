using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Http.Tests.Maintenance;

public sealed class CompactEndpointTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Compact_is_202_ok_with_a_json_content_type_only()
    {
        string db = await NewDb(Client);
        var accepted = await Post(Client, $"{db}/_compact", "");
        await HttpAssert.Body(accepted, HttpStatusCode.Accepted, """{"ok":true}""");
        HttpAssert.CouchHeaders(accepted);
        const string reason = "Content-Type must be application/json";
        await HttpAssert.Error(await Client.PostAsync($"{db}/_compact", null), HttpStatusCode.UnsupportedMediaType, "bad_content_type", reason);
        await HttpAssert.Error(await Client.PostAsync($"{db}/_compact", new StringContent("", null, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "bad_content_type", reason);
        await WaitForCompaction(Client, db);
    }

    [Fact]
    public async Task Compact_of_a_missing_database_is_404_and_other_methods_405()
    {
        await HttpAssert.Error(await Post(Client, $"{CouchServer.NewDbName("missing")}/_compact", ""), HttpStatusCode.NotFound,
            "not_found", "Database does not exist.");
        string db = await NewDb(Client);
        var get = await Client.GetAsync($"{db}/_compact");
        await HttpAssert.Error(get, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only POST allowed");
        Assert.Equal("POST", get.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task Compaction_shrinks_the_file_and_every_read_stays_the_same()
    {
        string db = await NewDb(Client);
        string rev = await PutDoc(Client, db, "edited", """{"n":0}""");
        string firstRev = rev;
        // Incompressible padding, so the bodies compaction drops are measurable in the file size.
        for (int n = 1; n < 30; n++)
            rev = await PutDoc(Client, db, "edited", $$"""{"_rev":"{{rev}}","n":{{n}},"pad":"{{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(1000))}}"}""");
        Assert.Equal(HttpStatusCode.Created, (await Post(Client, $"{db}/_bulk_docs", """
            {"new_edits":false,"docs":[
              {"_id":"conflicted","_rev":"1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","side":"a"},
              {"_id":"conflicted","_rev":"1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","side":"b"},
              {"_id":"conflicted","_rev":"1-cccccccccccccccccccccccccccccccc","side":"c","_deleted":true}]}
            """)).StatusCode);
        string gone = await PutDoc(Client, db, "deleted", "{}");
        string tombstone = (string)(await HttpAssert.Json(await Client.DeleteAsync($"{db}/deleted?rev={gone}"), HttpStatusCode.OK))!["rev"]!;
        string atts = await PutDoc(Client, db, "atts", """{"_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8gd29ybGQ="}}}""");
        var data = new byte[200_000];
        new Random(7).NextBytes(data);
        var binary = new ByteArrayContent(data);
        binary.Headers.ContentType = new("application/octet-stream");
        Assert.Equal(HttpStatusCode.Created, (await Client.PutAsync($"{db}/atts/b.bin?rev={atts}", binary)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Put(Client, $"{db}/_local/checkpoint", """{"last_seq":"12"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Put(Client, $"{db}/_security", """{"members":{"roles":["staff"]}}""")).StatusCode);

        string[] reads =
        [
            $"{db}/edited?revs=true", $"{db}/conflicted?conflicts=true&deleted_conflicts=true&revs_info=true", $"{db}/deleted?rev={tombstone}",
            $"{db}/atts?attachments=true&att_encoding_info=true", $"{db}/atts/a.txt", $"{db}/atts/b.bin", $"{db}/_local/checkpoint",
            $"{db}/_security", $"{db}/_all_docs?include_docs=true&conflicts=true", $"{db}/_changes?style=all_docs", $"{db}/_local_docs",
        ];
        var before = new List<string>();
        // Accept: application/json, or the document with attachments comes as multipart with a random boundary.
        foreach (string path in reads) before.Add(await GetText(Client, path, "application/json"));
        var infoBefore = await Get(Client, db);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"{db}/edited?rev={firstRev}")).StatusCode);

        await HttpAssert.Body(await Post(Client, $"{db}/_compact", ""), HttpStatusCode.Accepted, """{"ok":true}""");
        await WaitForCompaction(Client, db);

        for (int i = 0; i < reads.Length; i++) Assert.Equal(before[i], await GetText(Client, reads[i], "application/json"));
        var infoAfter = await Get(Client, db);
        foreach (string field in new[] { "update_seq", "purge_seq", "doc_count", "doc_del_count", "instance_start_time" })
            Assert.Equal(infoBefore[field]!.ToJsonString(), infoAfter[field]!.ToJsonString());
        long fileBefore = (long)infoBefore["sizes"]!["file"]!, fileAfter = (long)infoAfter["sizes"]!["file"]!;
        Assert.True(fileAfter < fileBefore - 28 * 2000, $"file {fileBefore} -> {fileAfter}");
        Assert.True((long)infoAfter["sizes"]!["active"]! <= fileAfter);
        Assert.False((bool)infoAfter["compact_running"]!);
        // Bodies of replaced revisions are gone: CouchDB's ?REV_MISSING.
        await HttpAssert.Error(await Client.GetAsync($"{db}/edited?rev={firstRev}"), HttpStatusCode.NotFound, "not_found", "missing");
        var revsInfo = (await Get(Client, $"{db}/edited?revs_info=true"))["_revs_info"]!.AsArray();
        Assert.Equal(["available", .. Enumerable.Repeat("missing", 29)], revsInfo.Select(r => (string)r!["status"]!));
    }

    [Fact]
    public async Task Writes_sent_while_compacting_are_all_kept()
    {
        string db = await NewDb(Client);
        var docs = new JsonArray();
        for (int i = 0; i < 20_000; i++) docs.Add(new JsonObject { ["_id"] = $"d{i:D6}", ["i"] = i });
        Assert.Equal(HttpStatusCode.Created, (await Post(Client, $"{db}/_bulk_docs", new JsonObject { ["docs"] = docs }.ToJsonString())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Post(Client, $"{db}/_compact", "")).StatusCode);
        var revs = new Dictionary<string, string>();
        for (int i = 0; i < 40; i++) revs[$"late{i}"] = await PutDoc(Client, db, $"late{i}", $$"""{"i":{{i}}}""");
        await WaitForCompaction(Client, db);
        foreach (var (id, rev) in revs) Assert.Equal(rev, (string)(await Get(Client, $"{db}/{id}"))["_rev"]!);
        Assert.Equal(20_040, (int)(await Get(Client, db))["doc_count"]!);
    }
}
