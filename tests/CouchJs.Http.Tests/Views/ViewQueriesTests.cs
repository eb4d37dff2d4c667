using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Views;

public sealed class ViewQueriesTests(CouchServer server) : IClassFixture<CouchServer>, IAsyncLifetime
{
    private string _db = "";

    private HttpClient Client => server.Client;

    public async Task InitializeAsync() => _db = await ViewKit.Create(Client);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_query_is_a_result_set_in_one_response()
    {
        var response = await TestDb.Post(Client, _db + "/_design/v/_view/by_key/queries?limit=1",
            """{"queries":[{"keys":["c","a"]},{"skip":1},{"startkey":"b","limit":2}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "{\"results\":[\r\n"
            + "{\"total_rows\":6,\"offset\":3,\"rows\":[\r\n{\"id\":\"c\",\"key\":\"c\",\"value\":3}\r\n]},\r\n"
            + "{\"total_rows\":6,\"offset\":1,\"rows\":[\r\n{\"id\":\"d\",\"key\":\"a\",\"value\":4}\r\n]},\r\n"
            + "{\"total_rows\":6,\"offset\":2,\"rows\":[\r\n{\"id\":\"a\",\"key\":\"b\",\"value\":1},\r\n{\"id\":\"c\",\"key\":\"c\",\"value\":3}\r\n]}\r\n"
            + "]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reduce_queries_may_group_or_turn_reduce_off()
    {
        var result = await HttpAssert.Json(await TestDb.Post(Client, _db + "/_design/v/_view/sum/queries",
            """{"queries":[{},{"group":true,"limit":1},{"reduce":false,"include_docs":true,"limit":1}]}"""), HttpStatusCode.OK);
        var sets = result!["results"]!.AsArray();
        Assert.Equal("""{"rows":[{"key":null,"value":21}]}""", sets[0]!.ToJsonString());
        Assert.Equal("""{"rows":[{"key":"a","value":6}]}""", sets[1]!.ToJsonString());
        Assert.Equal("b", (string)sets[2]!["rows"]![0]!["doc"]!["_id"]!);
    }

    [Fact]
    public async Task Every_query_is_checked_before_a_row_is_sent()
    {
        await HttpAssert.Error(await TestDb.Post(Client, _db + "/_design/v/_view/sum/queries", """{"queries":[{},{"include_docs":true}]}"""),
            HttpStatusCode.BadRequest, "query_parse_error", "`include_docs` is invalid for reduce");
        await HttpAssert.Error(await TestDb.Post(Client, _db + "/_design/v/_view/sum/queries", """{"other":1}"""),
            HttpStatusCode.BadRequest, "bad_request", "POST body must include `queries` parameter.");
        await HttpAssert.Error(await TestDb.Post(Client, _db + "/_design/v/_view/sum/queries", """{"queries":{}}"""),
            HttpStatusCode.BadRequest, "bad_request", "`queries` member must be an array.");
        await HttpAssert.Error(await TestDb.Post(Client, _db + "/_design/v/_view/none/queries", """{"queries":[]}"""),
            HttpStatusCode.NotFound, "not_found", "missing_named_view");
    }
}
