using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Http.Tests.Maintenance;

public sealed class PurgeEndpointTests(CouchServer server) : IClassFixture<CouchServer>
{
    private const string RevA = "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string RevB = "1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private HttpClient Client => server.Client;

    private static long SeqNumber(JsonNode? seq) => long.Parse(((string)seq!).Split('-')[0]);

    [Fact]
    public async Task Purging_a_document_removes_it_from_reads_all_docs_changes_and_counts()
    {
        string db = await NewDb(Client);
        string a = await PutDoc(Client, db, "a", """{"v":1}""");
        string b = await PutDoc(Client, db, "b", """{"v":1}""");
        var infoBefore = await Get(Client, db);
        Assert.StartsWith("0-", (string)infoBefore["purge_seq"]!);

        var response = await Post(Client, $"{db}/_purge", $$"""{"a":["{{a}}"]}""");
        await HttpAssert.Body(response, HttpStatusCode.Created, $$$"""{"purge_seq":null,"purged":{"a":["{{{a}}}"]}}""");
        HttpAssert.CouchHeaders(response);

        await HttpAssert.Error(await Client.GetAsync($"{db}/a"), HttpStatusCode.NotFound, "not_found", "missing");
        var allDocs = await Get(Client, $"{db}/_all_docs");
        Assert.Equal(1, (int)allDocs["total_rows"]!);
        Assert.Equal(["b"], allDocs["rows"]!.AsArray().Select(r => (string)r!["id"]!));
        var changes = await Get(Client, $"{db}/_changes");
        Assert.Equal(["b"], changes["results"]!.AsArray().Select(r => (string)r!["id"]!));
        var info = await Get(Client, db);
        Assert.Equal((1, 0), ((int)info["doc_count"]!, (int)info["doc_del_count"]!));
        Assert.Equal(1, SeqNumber(info["purge_seq"]));
        Assert.Equal(SeqNumber(infoBefore["update_seq"]) + 1, SeqNumber(info["update_seq"]));
        Assert.Equal(b, (string)(await Get(Client, $"{db}/b"))["_rev"]!);
    }

    [Fact]
    public async Task Purging_one_conflict_keeps_the_other_and_shows_the_document_as_changed()
    {
        string db = await NewDb(Client);
        Assert.Equal(HttpStatusCode.Created, (await Post(Client, $"{db}/_bulk_docs", $$"""
            {"new_edits":false,"docs":[{"_id":"d","_rev":"{{RevA}}","side":"a"},{"_id":"d","_rev":"{{RevB}}","side":"b"}]}
            """)).StatusCode);
        await PutDoc(Client, db, "other", "{}");
        await HttpAssert.Body(await Post(Client, $"{db}/_purge", $$"""{"d":["{{RevB}}"]}"""), HttpStatusCode.Created,
            $$$"""{"purge_seq":null,"purged":{"d":["{{{RevB}}}"]}}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/d?conflicts=true"), HttpStatusCode.OK, $$"""{"_id":"d","_rev":"{{RevA}}","side":"a"}""");
        var changes = (await Get(Client, $"{db}/_changes"))["results"]!.AsArray();
        Assert.Equal(["other", "d"], changes.Select(r => (string)r!["id"]!));
    }

    [Fact]
    public async Task Inner_revisions_and_unknown_documents_purge_nothing()
    {
        string db = await NewDb(Client);
        string c1 = await PutDoc(Client, db, "c", """{"v":1}""");
        string c2 = await PutDoc(Client, db, "c", $$"""{"_rev":"{{c1}}","v":2}""");
        await HttpAssert.Body(await Post(Client, $"{db}/_purge", $$"""{"c":["{{c1}}"],"zz":["{{RevA}}"],"none":[]}"""), HttpStatusCode.Created,
            """{"purge_seq":null,"purged":{"c":[],"zz":[],"none":[]}}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/c"), HttpStatusCode.OK, $$"""{"_id":"c","_rev":"{{c2}}","v":2}""");
        Assert.Equal(3, SeqNumber((await Get(Client, db))["purge_seq"]));
    }

    [Fact]
    public async Task An_empty_purge_is_201_and_changes_nothing()
    {
        string db = await NewDb(Client);
        await PutDoc(Client, db, "a", "{}");
        string seq = (string)(await Get(Client, db))["update_seq"]!;
        await HttpAssert.Body(await Post(Client, $"{db}/_purge", "{}"), HttpStatusCode.Created, """{"purge_seq":null,"purged":{}}""");
        Assert.Equal(seq, (string)(await Get(Client, db))["update_seq"]!);
    }

    [Theory]
    [InlineData("""{"c":["bad"]}""", "Invalid rev format")]
    [InlineData("""{"c":[1]}""", "Invalid rev format")]
    [InlineData("""{"c":"1-abc"}""", "Invalid list of revisions")]
    [InlineData("""["c"]""", "Request body must be a JSON object")]
    [InlineData("""{"c":""", "invalid UTF-8 JSON")]
    public async Task Bad_purge_requests_are_400(string body, string reason)
    {
        string db = await NewDb(Client);
        await HttpAssert.Error(await Post(Client, $"{db}/_purge", body), HttpStatusCode.BadRequest, "bad_request", reason);
    }

    [Fact]
    public async Task Purge_needs_json_and_post()
    {
        string db = await NewDb(Client);
        await HttpAssert.Error(await Client.PostAsync($"{db}/_purge", Untyped("{}")), HttpStatusCode.UnsupportedMediaType,
            "bad_content_type", "Content-Type must be application/json");
        var get = await Client.GetAsync($"{db}/_purge");
        await HttpAssert.Error(get, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only POST allowed");
        await HttpAssert.Error(await Post(Client, $"{CouchServer.NewDbName("missing")}/_purge", "{}"), HttpStatusCode.NotFound,
            "not_found", "Database does not exist.");
    }

    [Fact]
    public async Task Purged_infos_lists_every_purge_request()
    {
        string db = await NewDb(Client);
        await HttpAssert.Body(await Client.GetAsync($"{db}/_purged_infos"), HttpStatusCode.OK, """{"purged_infos":[]}""");
        string a1 = await PutDoc(Client, db, "a", "{}");
        string a2 = await PutDoc(Client, db, "a", $$"""{"_rev":"{{a1}}"}""");
        await Post(Client, $"{db}/_purge", $$"""{"a":["{{a2}}"],"zz":["{{RevA}}","{{RevB}}"]}""");
        await HttpAssert.Body(await Client.GetAsync($"{db}/_purged_infos"), HttpStatusCode.OK,
            $$"""{"purged_infos":[{"id":"a","revs":["{{a2}}"]},{"id":"zz","revs":["{{RevA}}","{{RevB}}"]}]}""");
        var post = await Post(Client, $"{db}/_purged_infos", "{}");
        await HttpAssert.Error(post, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET allowed");
    }

    [Fact]
    public async Task Compaction_keeps_only_the_newest_purged_infos_limit_purges()
    {
        string db = await NewDb(Client);
        var revs = new Dictionary<string, string>();
        foreach (string id in new[] { "a", "b", "c" })
        {
            revs[id] = await PutDoc(Client, db, id, "{}");
            await Post(Client, $"{db}/_purge", $$"""{"{{id}}":["{{revs[id]}}"]}""");
        }
        await Put(Client, $"{db}/_purged_infos_limit", "2");
        await Post(Client, $"{db}/_compact", "");
        await WaitForCompaction(Client, db);
        await HttpAssert.Body(await Client.GetAsync($"{db}/_purged_infos"), HttpStatusCode.OK,
            $$"""{"purged_infos":[{"id":"b","revs":["{{revs["b"]}}"]},{"id":"c","revs":["{{revs["c"]}}"]}]}""");
        Assert.Equal(3, SeqNumber((await Get(Client, db))["purge_seq"]));
    }

    [Theory]
    [InlineData("""{"purge_seq":"broken"}""", 3)]
    [InlineData("""{"type":"mrview","purge_seq":0,"ddoc_id":"_design/none","signature":"x"}""", 1)]
    [InlineData("""{"type":"other-client","purge_seq":0}""", 1)]
    public async Task A_broken_checkpoint_keeps_every_purge_info_and_one_no_client_claims_keeps_none(string checkpoint, int kept)
    {
        string db = await NewDb(Client);
        Assert.Equal(HttpStatusCode.Created, (await Put(Client, $"{db}/_local/purge-test", checkpoint)).StatusCode);
        foreach (string id in new[] { "a", "b", "c" })
        {
            string rev = await PutDoc(Client, db, id, "{}");
            await Post(Client, $"{db}/_purge", $$"""{"{{id}}":["{{rev}}"]}""");
        }
        await Put(Client, $"{db}/_purged_infos_limit", "1");
        await Post(Client, $"{db}/_compact", "");
        await WaitForCompaction(Client, db);
        Assert.Equal(kept, (await Get(Client, $"{db}/_purged_infos"))["purged_infos"]!.AsArray().Count);
    }
}
