using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.AllDocs;

public sealed class AllDocsQueriesTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Each_query_is_a_result_set_framed_as_couchdb_frames_them()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b", "c");
        var response = await TestDb.Post(Client, db + "/_all_docs/queries?descending=true",
            """{"queries":[{"keys":["b","x"]},{"limit":1},{"startkey":"z"}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssert.CouchHeaders(response);
        Assert.Equal(
            "{\"results\":[\r\n"
            + "{\"total_rows\":3,\"offset\":null,\"rows\":[\r\n"
            + "{\"key\":\"x\",\"error\":\"not_found\"},\r\n"
            + $"{{\"id\":\"b\",\"key\":\"b\",\"value\":{{\"rev\":\"{revs["b"]}\"}}}}\r\n"
            + "]},\r\n"
            + "{\"total_rows\":3,\"offset\":0,\"rows\":[\r\n"
            + $"{{\"id\":\"c\",\"key\":\"c\",\"value\":{{\"rev\":\"{revs["c"]}\"}}}}\r\n"
            + "]},\r\n"
            + "{\"total_rows\":3,\"offset\":0,\"rows\":[\r\n"
            + $"{{\"id\":\"c\",\"key\":\"c\",\"value\":{{\"rev\":\"{revs["c"]}\"}}}},\r\n"
            + $"{{\"id\":\"b\",\"key\":\"b\",\"value\":{{\"rev\":\"{revs["b"]}\"}}}},\r\n"
            + $"{{\"id\":\"a\",\"key\":\"a\",\"value\":{{\"rev\":\"{revs["a"]}\"}}}}\r\n"
            + "]}\r\n"
            + "]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task No_queries_is_an_empty_result_list()
    {
        string db = await TestDb.Create(Client);
        var response = await TestDb.Post(Client, db + "/_design_docs/queries", """{"queries":[]}""");
        Assert.Equal("{\"results\":[\r\n]}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Local_docs_queries_report_null_counts()
    {
        string db = await TestDb.Create(Client);
        await Client.PutAsync(db + "/_local/a", TestDb.Json("{}"));
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_local_docs/queries", """{"queries":[{}]}"""), HttpStatusCode.OK,
            """{"results":[{"total_rows":null,"offset":null,"rows":[{"id":"_local/a","key":"_local/a","value":{"rev":"0-1"}}]}]}""");
    }

    [Fact]
    public async Task Queries_are_checked_before_anything_is_sent()
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_all_docs/queries", "{}"), HttpStatusCode.BadRequest,
            "bad_request", "POST body must include `queries` parameter.");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_all_docs/queries", """{"queries":{}}"""), HttpStatusCode.BadRequest,
            "bad_request", "`queries` member must be an array.");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_all_docs/queries", """{"queries":[{},{"limit":-2}]}"""), HttpStatusCode.BadRequest,
            "query_parse_error", "Invalid value for positive integer: -2");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_all_docs/queries?skip=x", """{"queries":[]}"""), HttpStatusCode.BadRequest,
            "query_parse_error", "Invalid value for integer: \"x\"");
    }

    [Fact]
    public async Task Keys_in_the_query_string_do_not_reach_the_queries()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        var body = await HttpAssert.Json(await TestDb.Post(Client, db + "/_all_docs/queries?keys=5&limit=1", """{"queries":[{}]}"""),
            HttpStatusCode.OK);
        Assert.Equal("a", (string?)body!["results"]![0]!["rows"]![0]!["id"]);
    }

    [Fact]
    public async Task Only_post_is_allowed()
    {
        string db = await TestDb.Create(Client);
        var response = await Client.GetAsync(db + "/_all_docs/queries");
        await HttpAssert.Error(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only POST allowed");
    }
}
