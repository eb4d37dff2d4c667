using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Views;

/// <summary>Every view query parameter over HTTP, against the rows ViewKit's documents give.</summary>
public sealed class ViewParameterTests(CouchServer server) : IClassFixture<CouchServer>, IAsyncLifetime
{
    private string _db = "";

    private HttpClient Client => server.Client;

    public async Task InitializeAsync() => _db = await ViewKit.Create(Client);

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<JsonNode> Get(string query, string view = "by_key") => ViewKit.Get(Client, $"{_db}/_design/v/_view/{view}?{query}");

    private async Task<string[]> Ids(string query, string view = "by_key") => ViewKit.Ids(await Get(query, view));

    [Theory]
    [InlineData("key=%22a%22", new[] { "b", "d" })]
    [InlineData("key=%5B%22x%22,%201%5D", new[] { "e" })]
    [InlineData("startkey=%22b%22", new[] { "a", "c", "e", "f" })]
    [InlineData("start_key=%22b%22&end_key=%22c%22", new[] { "a", "c" })]
    [InlineData("startkey=%22a%22&endkey=%22b%22&inclusive_end=false", new[] { "b", "d" })]
    [InlineData("endkey=%22a%22", new[] { "b", "d" })]
    [InlineData("startkey=%22a%22&startkey_docid=c&endkey=%22a%22", new[] { "d" })]
    [InlineData("startkey=%22a%22&endkey=%22a%22&endkey_docid=b", new[] { "b" })]
    [InlineData("start_key=%22a%22&start_key_doc_id=c&end_key=%22b%22&end_key_doc_id=a", new[] { "d", "a" })]
    [InlineData("descending=true&limit=3", new[] { "f", "e", "c" })]
    [InlineData("descending=true&startkey=%22b%22&endkey=%22a%22&inclusive_end=false", new[] { "a" })]
    [InlineData("skip=2&limit=2", new[] { "a", "c" })]
    [InlineData("limit=0", new string[0])]
    [InlineData("keys=%5B%22c%22,%22a%22%5D", new[] { "c", "b", "d" })]
    [InlineData("keys=%5B%22a%22%5D&descending=true", new[] { "d", "b" })]
    [InlineData("startkey=%22b%22&key=%22a%22", new[] { "b", "d" })]
    [InlineData("sorted=false&stable=true&update=true", new[] { "b", "d", "a", "c", "e", "f" })]
    public async Task Range_parameters(string query, string[] ids) => Assert.Equal(ids, await Ids(query));

    [Fact]
    public async Task Offsets_follow_the_fold()
    {
        Assert.Equal(2, (int)(await Get("startkey=%22b%22"))["offset"]!);
        Assert.Equal(3, (int)(await Get("startkey=%22b%22&descending=true"))["offset"]!);
        Assert.Equal(4, (int)(await Get("skip=4&limit=1"))["offset"]!);
        Assert.Equal(4, (int)(await Get("key=%22zzz%22"))["offset"]!);
        Assert.Equal(6, (int)(await Get("key=%7B%7D"))["offset"]!);
    }

    [Fact]
    public async Task Post_takes_parameters_and_keys_from_the_body()
    {
        var result = await HttpAssert.Json(await TestDb.Post(Client, _db + "/_design/v/_view/by_key?limit=2", """{"keys":["c","a"],"limit":5}"""), HttpStatusCode.OK);
        Assert.Equal(["c", "b"], ViewKit.Ids(result!));
        var one = await HttpAssert.Json(await TestDb.Post(Client, _db + "/_design/v/_view/sum", """{"keys":["a"]}"""), HttpStatusCode.OK);
        Assert.Equal("""{"rows":[{"key":null,"value":6}]}""", one!.ToJsonString());
    }

    [Theory]
    [InlineData("sum", "", """[{"key":null,"value":21}]""")]
    [InlineData("sum", "group=true&startkey=%22b%22", """[{"key":"b","value":1},{"key":"c","value":3},{"key":["x",1],"value":5},{"key":["x",2],"value":6}]""")]
    [InlineData("sum", "group_level=1", """[{"key":"a","value":6},{"key":"b","value":1},{"key":"c","value":3},{"key":["x"],"value":11}]""")]
    [InlineData("sum", "group_level=1&descending=true&limit=2", """[{"key":["x"],"value":11},{"key":"c","value":3}]""")]
    [InlineData("sum", "group=true&skip=1&limit=1", """[{"key":"b","value":1}]""")]
    [InlineData("sum", "keys=%5B%22c%22,%22a%22%5D&group=true", """[{"key":"c","value":3},{"key":"a","value":6}]""")]
    [InlineData("sum", "group=false&group_level=0", """[{"key":null,"value":21}]""")]
    [InlineData("count", "startkey=%22a%22&endkey=%22b%22", """[{"key":null,"value":3}]""")]
    [InlineData("js_sum", "group_level=1", """[{"key":"a","value":6},{"key":"b","value":1},{"key":"c","value":3},{"key":["x"],"value":11}]""")]
    [InlineData("js_sum", "key=%22a%22", """[{"key":null,"value":6}]""")]
    public async Task Reduce_parameters(string view, string query, string rows) =>
        Assert.Equal(rows, (await Get(query, view))["rows"]!.ToJsonString());

    [Fact]
    public async Task Reduce_false_and_include_docs_on_a_reduce_view()
    {
        var result = await Get("reduce=false&include_docs=true&limit=1", "sum");
        Assert.Equal(6, (int)result["total_rows"]!);
        Assert.Equal("b", (string)result["rows"]![0]!["doc"]!["_id"]!);
    }

    [Fact]
    public async Task Include_docs_with_conflicts_and_attachments()
    {
        await TestDb.BulkDocs(Client, _db, """
            [{"_id":"k","_rev":"1-aaaa","key":"k"},{"_id":"k","_rev":"1-bbbb","key":"k",
              "_attachments":{"t.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}]
            """, newEdits: false);
        var plain = await Get("key=%22k%22&include_docs=true");
        var doc = plain["rows"]![0]!["doc"]!;
        Assert.Null(doc["_conflicts"]);
        Assert.True((bool)doc["_attachments"]!["t.txt"]!["stub"]!);
        var full = await Get("key=%22k%22&include_docs=true&conflicts=true&attachments=true");
        doc = full["rows"]![0]!["doc"]!;
        Assert.Equal("""["1-aaaa"]""", doc["_conflicts"]!.ToJsonString());
        Assert.Equal("aGVsbG8=", (string)doc["_attachments"]!["t.txt"]!["data"]!);
    }

    [Fact]
    public async Task Include_docs_shows_null_for_a_deleted_link()
    {
        var revs = await TestDb.BulkDocs(Client, _db, """[{"_id":"gone"},{"_id":"pointer","link":"gone"}]""");
        await TestDb.Delete(Client, _db, "gone", (string)revs[0]!["rev"]!);
        var result = await ViewKit.Get(Client, _db + "/_design/v/_view/linked?key=%22pointer%22&include_docs=true");
        Assert.Equal("""{"id":"pointer","key":"pointer","value":{"_id":"gone"},"doc":null}""", result["rows"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task Update_false_and_stale_ok_read_the_index_as_it_is()
    {
        await Get("");
        await TestDb.Put(Client, _db, "new-doc");
        var stale = await Get("update=false", "by_id");
        Assert.DoesNotContain("new-doc", ViewKit.Ids(stale));
        Assert.DoesNotContain("new-doc", ViewKit.Ids(await Get("stale=ok", "by_id")));
        Assert.Contains("new-doc", ViewKit.Ids(await Get("", "by_id")));
    }

    [Fact]
    public async Task Update_lazy_answers_at_once_and_updates_afterwards()
    {
        await Get("", "by_id");
        await TestDb.Put(Client, _db, "later");
        Assert.DoesNotContain("later", ViewKit.Ids(await Get("update=lazy", "by_id")));
        for (int i = 0; i < 1500; i++)
        {
            if (ViewKit.Ids(await Get("update=false", "by_id")).Contains("later")) return;
            await Task.Delay(20);
        }
        Assert.Fail("update=lazy did not update the index");
    }
}
