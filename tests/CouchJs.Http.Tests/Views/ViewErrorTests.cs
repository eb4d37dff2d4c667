using System.Net;
using System.Text;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Views;

/// <summary>Every view error over HTTP, with CouchDB's status, error and reason.</summary>
public sealed class ViewErrorTests(CouchServer server) : IClassFixture<CouchServer>, IAsyncLifetime
{
    private string _db = "";

    private HttpClient Client => server.Client;

    public async Task InitializeAsync() => _db = await ViewKit.Create(Client);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task ParseError(string view, string query, string reason) =>
        await HttpAssert.Error(await Client.GetAsync($"{_db}/_design/v/_view/{view}?{query}"), HttpStatusCode.BadRequest, "query_parse_error", reason);

    [Theory]
    [InlineData("by_key", "reduce=true", "Reduce is invalid for map-only views.")]
    [InlineData("by_key", "group=true", "Invalid use of grouping on a map view.")]
    [InlineData("by_key", "group_level=1", "Invalid use of grouping on a map view.")]
    [InlineData("sum", "reduce=false&group=true", "Invalid use of grouping on a map view.")]
    [InlineData("sum", "group=false&group_level=1", "Can't specify group=false and group_level>0 at the same time")]
    [InlineData("sum", "keys=%5B%22a%22,%22b%22%5D", "Multi-key fetches for reduce views must use `group=true`")]
    [InlineData("sum", "keys=%5B%22a%22,%22b%22%5D&group_level=1", "Multi-key fetches for reduce views must use `group=true`")]
    [InlineData("sum", "include_docs=true", "`include_docs` is invalid for reduce")]
    [InlineData("sum", "conflicts=false", "`conflicts` is invalid for reduce views.")]
    [InlineData("by_key", "keys=%22a%22", "`keys` must be an array of strings.")]
    [InlineData("by_key", "keys=%5B%22a%22,%22b%22%5D&startkey=%22a%22", "`keys` is incompatible with `key`, `start_key` and `end_key`")]
    [InlineData("by_key", "key=%22a%22&startkey=%22b%22", "No rows can match your key range, reverse your start_key and end_key or set descending=true")]
    [InlineData("by_key", "keys=%5B%22a%22%5D&startkey=%22b%22", "No rows can match your key range, reverse your start_key and end_key or set descending=true")]
    [InlineData("by_key", "startkey=%22a%22&endkey=%22b%22&descending=true", "No rows can match your key range, reverse your start_key and end_key or set descending=false")]
    [InlineData("by_key", "limit=-1", "Invalid value for positive integer: \"-1\"")]
    [InlineData("by_key", "limit=x", "Invalid value for integer: \"x\"")]
    [InlineData("by_key", "skip=-2", "Invalid value for positive integer: \"-2\"")]
    [InlineData("sum", "group_level=-1", "Invalid value for positive integer: \"-1\"")]
    [InlineData("by_key", "descending=maybe", "Invalid boolean parameter: \"maybe\"")]
    [InlineData("by_key", "update=sometimes", "Invalid value for `update`.")]
    [InlineData("by_key", "stale=never", "Invalid value for `stale`.")]
    [InlineData("by_key", "stable=1", "Invalid value for `stable`.")]
    [InlineData("by_key", "partition=p", "`partition` parameter is not supported in this design doc")]
    public Task Query_parse_errors(string view, string query, string reason) => ParseError(view, query, reason);

    [Fact]
    public async Task Invalid_json_in_a_key_is_bad_request() =>
        await HttpAssert.Error(await Client.GetAsync(_db + "/_design/v/_view/by_key?key=a"), HttpStatusCode.BadRequest, "bad_request", "invalid UTF-8 JSON");

    [Fact]
    public async Task Missing_design_doc_deleted_design_doc_and_missing_view()
    {
        await HttpAssert.Error(await Client.GetAsync(_db + "/_design/none/_view/x"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.GetAsync(_db + "/_design/v/_view/none"), HttpStatusCode.NotFound, "not_found", "missing_named_view");
        await HttpAssert.Error(await Client.GetAsync(_db + "/_design/none/_info"), HttpStatusCode.NotFound, "not_found", "missing");
        var created = await TestDb.BulkDocs(Client, _db, """[{"_id":"_design/gone","views":{"x":{"map":"function(doc){}"}}}]""");
        await TestDb.Delete(Client, _db, "_design/gone", (string)created[0]!["rev"]!);
        await HttpAssert.Error(await Client.GetAsync(_db + "/_design/gone/_view/x"), HttpStatusCode.NotFound, "not_found", "deleted");
        await HttpAssert.Error(await Client.GetAsync("no-such-db/_design/v/_view/x"), HttpStatusCode.NotFound, "not_found", "Database does not exist.");
    }

    [Fact]
    public async Task Methods_content_types_and_bodies()
    {
        var put = await Client.PutAsync(_db + "/_design/v/_view/by_key", TestDb.Json("{}"));
        await HttpAssert.Error(put, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET,POST,HEAD allowed");
        Assert.Equal("GET,POST,HEAD", string.Join(",", put.Content.Headers.Allow));
        await HttpAssert.Error(await Client.GetAsync(_db + "/_design/v/_view/by_key/queries"), HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only POST allowed");
        await HttpAssert.Error(await Client.PostAsync(_db + "/_design/v/_view/by_key", new StringContent("{}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "bad_content_type", "Content-Type must be application/json");
        await HttpAssert.Error(await TestDb.Post(Client, _db + "/_design/v/_view/by_key", "[]"), HttpStatusCode.BadRequest, "bad_request", "Request body must be a JSON object");
        await HttpAssert.Error(await TestDb.Post(Client, _db + "/_design/v/_view/by_key", """{"keys":"a"}"""), HttpStatusCode.BadRequest, "bad_request", "`keys` member must be an array.");
        await HttpAssert.Error(await TestDb.Post(Client, _db + "/_design/v/_view/by_key", """{"queries":[]}"""), HttpStatusCode.BadRequest, "bad_request",
            "The `queries` parameter is no longer supported at this endpoint");
        await HttpAssert.Error(await Client.PostAsync(_db + "/_design/v/_info", TestDb.Json("{}")), HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET allowed");
    }

    [Theory]
    [InlineData("GET", "_view")]
    [InlineData("GET", "_view/by_key/extra")]
    [InlineData("POST", "_view/by_key/queries/extra")]
    [InlineData("DELETE", "_view")]
    public async Task Any_other_path_under_view_is_405_not_an_attachment(string method, string path)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{_db}/_design/v/{path}") { Content = TestDb.Json("{}") });
        await HttpAssert.Error(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET,POST,HEAD allowed");
        Assert.Equal("GET,POST,HEAD", string.Join(",", response.Content.Headers.Allow));
        await HttpAssert.Error(await Client.GetAsync(_db + "/_design/none/_view"), HttpStatusCode.NotFound, "not_found", "missing");
    }
}
