using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Views;

/// <summary>couch_mrview:validate on every design doc write: member types, maps present, functions that compile.</summary>
public sealed class DesignDocValidationTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Theory]
    [InlineData("""{"views":[]}""", "`views` field must have object type")]
    [InlineData("""{"views":{"v":"function(doc){}"}}""", "`views.v` field must have object type")]
    [InlineData("""{"views":{"v":{"map":1}}}""", "`views.v.map` field must have string type")]
    [InlineData("""{"views":{"v":{"map":"function(doc){}","reduce":{}}}}""", "`views.v.reduce` field must have string type")]
    [InlineData("""{"views":{"lib":"x"}}""", "`views.lib` field must have object type")]
    [InlineData("""{"views":{"v":{"reduce":"_count"}}}""", "View `v` must contain map function")]
    [InlineData("""{"views":{"v":{"map":"function(doc){}","reduce":"_median"}}}""", "`_median` is not a supported reduce function.")]
    [InlineData("""{"language":1}""", "`language` field must have string type")]
    [InlineData("""{"options":{"include_design":"yes"}}""", "`options.include_design` field must have boolean type")]
    [InlineData("""{"options":[]}""", "`options` field must have object type")]
    [InlineData("""{"filters":{"f":1}}""", "`filters.f` field must have object or string type")]
    [InlineData("""{"shows":"x"}""", "`shows` field must have object type")]
    [InlineData("""{"rewrites":{}}""", "`rewrites` field must have string or array type")]
    [InlineData("""{"validate_doc_update":{}}""", "`validate_doc_update` field must have string type")]
    public async Task Invalid_design_docs_are_rejected(string body, string reason)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await Client.PutAsync(db + "/_design/d", TestDb.Json(body)), HttpStatusCode.BadRequest, "invalid_design_doc", reason);
        await HttpAssert.Error(await Client.GetAsync(db + "/_design/d"), HttpStatusCode.NotFound, "not_found", "missing");
    }

    [Fact]
    public async Task A_function_that_does_not_compile_is_a_compilation_error()
    {
        string db = await TestDb.Create(Client);
        var error = await HttpAssert.Json(await Client.PutAsync(db + "/_design/d", TestDb.Json("""{"views":{"v":{"map":"function (doc) { emit(doc._id"}}}""")), HttpStatusCode.BadRequest);
        Assert.Equal("compilation_error", (string)error!["error"]!);
        Assert.StartsWith("Compilation of the map function in the 'v' view failed: ", (string)error["reason"]!);
        var reduce = await HttpAssert.Json(await Client.PutAsync(db + "/_design/d", TestDb.Json(
            """{"views":{"v":{"map":"function (doc) { emit(doc._id, 1); }","reduce":"function (keys, values) { return sum(values }"}}}""")), HttpStatusCode.BadRequest);
        Assert.StartsWith("Compilation of the reduce function in the 'v' view failed: ", (string)reduce!["reason"]!);
    }

    [Fact]
    public async Task Bulk_docs_reject_only_the_invalid_design_doc_and_deletes_are_not_checked()
    {
        string db = await TestDb.Create(Client);
        var results = await TestDb.BulkDocs(Client, db, """[{"_id":"_design/bad","views":{"v":{}}},{"_id":"_design/good","views":{"v":{"map":"function (doc) { emit(1, 2); }"}}},{"_id":"plain"}]""");
        Assert.Equal("_design/bad", (string)results[0]!["id"]!);
        Assert.Equal("invalid_design_doc", (string)results[0]!["error"]!);
        Assert.Equal("View `v` must contain map function", (string)results[0]!["reason"]!);
        Assert.True((bool)results[1]!["ok"]!);
        Assert.True((bool)results[2]!["ok"]!);
        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteAsync($"{db}/_design/good?rev={(string)results[1]!["rev"]!}")).StatusCode);
    }

    [Fact]
    public async Task Valid_design_docs_and_unknown_languages_are_stored()
    {
        string db = await TestDb.Create(Client);
        Assert.Equal(HttpStatusCode.Created, (await Client.PutAsync(db + "/_design/ok", TestDb.Json(ViewKit.Design.Replace("\"_id\":\"_design/v\",", "")))).StatusCode);
        var other = await Client.PutAsync(db + "/_design/py", TestDb.Json("""{"language":"python","views":{"v":{"map":"def fun(doc): yield None, doc"}}}"""));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var body = JsonNode.Parse(await other.Content.ReadAsStringAsync())!;
        Assert.True((bool)body["ok"]!);
    }
}
