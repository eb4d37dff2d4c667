using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.DesignFunctions;

public sealed class JintChangesFilterTests(CouchServer server) : ChangesFilterTests(server, "jint"), IClassFixture<CouchServer>;

public sealed class V8ChangesFilterTests(CouchServer server) : ChangesFilterTests(server, "v8"), IClassFixture<CouchServer>;

/// <summary><c>_changes?filter=ddoc/name</c> and <c>filter=_view</c> in every feed mode, with CouchDB's errors.</summary>
public abstract class ChangesFilterTests(CouchServer server, string engine) : EngineTest(server, engine)
{
    private const string Design = """
        {"_id":"_design/f",
         "filters":{"typed":"function(doc, req) { return doc.type == req.query.type; }",
                    "posted":"function(doc, req) { return req.method == 'POST' && JSON.parse(req.body).want == doc._id; }",
                    "broken":"function(doc, req) { return doc.missing.field; }"},
         "views":{"posts":{"map":"function(doc) { if (doc.type == 'post') emit(doc._id, null); }"}}}
        """;

    private async Task<string> Db()
    {
        string db = await Database(Design);
        await TestDb.BulkDocs(Client, db, """[{"_id":"p1","type":"post"},{"_id":"c1","type":"comment"},{"_id":"p2","type":"post"}]""");
        return db;
    }

    [Fact]
    public async Task A_filter_function_gets_the_query_parameters()
    {
        string db = await Db();
        Assert.Equal(["c1"], await Ids($"{db}/_changes?filter=f/typed&type=comment"));
        Assert.Equal(["p1", "p2"], await Ids($"{db}/_changes?filter=f/typed&type=post"));
    }

    [Fact]
    public async Task A_POST_feed_gives_the_filter_its_body()
    {
        string db = await Db();
        var response = await Post($"{db}/_changes?filter=f/posted", """{"want":"p2"}""");
        var ids = (await HttpAssert.Json(response, HttpStatusCode.OK))!["results"]!.AsArray().Select(r => (string)r!["id"]!);
        Assert.Equal(["p2"], ids);
    }

    [Fact]
    public async Task A_view_filters_by_its_map_function()
    {
        string db = await Db();
        Assert.Equal(["p1", "p2"], await Ids($"{db}/_changes?filter=_view&view=f/posts"));
    }

    [Fact]
    public async Task Limit_and_include_docs_apply_to_the_filtered_rows()
    {
        string db = await Db();
        var body = await HttpAssert.Json(await Client.GetAsync($"{db}/_changes?filter=f/typed&type=post&limit=1&include_docs=true"), HttpStatusCode.OK);
        var results = body!["results"]!.AsArray();
        Assert.Equal(("p1", "post"), ((string)results.Single()!["id"]!, (string)results[0]!["doc"]!["type"]!));
        // After the limit the next change decides: c1 does not pass and is passed over, p2 is left.
        Assert.Equal(1, (int)body["pending"]!);
    }

    [Fact]
    public async Task A_longpoll_feed_waits_for_a_change_that_passes()
    {
        string db = await Db();
        var seq = (string)(await HttpAssert.Json(await Client.GetAsync($"{db}/_changes?since=now&limit=0"), HttpStatusCode.OK))!["last_seq"]!;
        var feed = Client.GetAsync($"{db}/_changes?feed=longpoll&filter=f/typed&type=post&since={seq}&timeout=10000");
        await Task.Delay(200);
        await Put($"{db}/c2", """{"type":"comment"}""");
        await Put($"{db}/p3", """{"type":"post"}""");
        var body = await HttpAssert.Json(await feed, HttpStatusCode.OK);
        Assert.Equal(["p3"], body!["results"]!.AsArray().Select(r => (string)r!["id"]!));
    }

    [Fact]
    public async Task Continuous_and_eventsource_feeds_are_filtered()
    {
        string db = await Db();
        string continuous = await Text(await Client.GetAsync($"{db}/_changes?feed=continuous&filter=_view&view=f/posts&timeout=100"), HttpStatusCode.OK);
        var lines = continuous.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["p1", "p2"], lines.Where(l => l["id"] is not null).Select(l => (string)l["id"]!));
        Assert.NotNull(lines[^1]["last_seq"]);
        string events = await Text(await Client.GetAsync($"{db}/_changes?feed=eventsource&filter=f/typed&type=comment&timeout=100"), HttpStatusCode.OK);
        Assert.Contains("\"id\":\"c1\"", events);
        Assert.DoesNotContain("\"id\":\"p1\"", events);
    }

    [Fact]
    public async Task Errors_are_CouchDBs()
    {
        string db = await Db();
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?filter=nope/typed"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?filter=f/nope"), HttpStatusCode.NotFound, "not_found", "missing json key: nope");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?filter=_view&view=f/nope"), HttpStatusCode.NotFound, "not_found", "missing json key: nope");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?filter=_view"), HttpStatusCode.BadRequest, "bad_request", "`view` filter parameter is not provided.");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?filter=a/b/c"), HttpStatusCode.BadRequest, "bad_request", "`filter` must be of the form `designname/filtername`");
        var broken = await HttpAssert.Json(await Client.GetAsync($"{db}/_changes?filter=f/broken"), HttpStatusCode.InternalServerError);
        Assert.Equal("TypeError", (string)broken!["error"]!);
    }

    private async Task<string[]> Ids(string path) =>
        [.. (await HttpAssert.Json(await Client.GetAsync(path), HttpStatusCode.OK))!["results"]!.AsArray().Select(r => (string)r!["id"]!)];
}
