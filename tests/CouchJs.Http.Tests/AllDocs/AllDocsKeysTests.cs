using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.AllDocs;

public sealed class AllDocsKeysTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Keys_answer_in_the_order_asked_with_deleted_and_missing_rows()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b", "d");
        string deleted = await TestDb.Delete(Client, db, "d", revs["d"]);
        string expected =
            "{\"total_rows\":2,\"offset\":null,\"rows\":[\r\n"
            + $"{{\"id\":\"b\",\"key\":\"b\",\"value\":{{\"rev\":\"{revs["b"]}\"}}}},\r\n"
            + "{\"key\":\"zz\",\"error\":\"not_found\"},\r\n"
            + $"{{\"id\":\"d\",\"key\":\"d\",\"value\":{{\"rev\":\"{deleted}\",\"deleted\":true}}}},\r\n"
            + $"{{\"id\":\"a\",\"key\":\"a\",\"value\":{{\"rev\":\"{revs["a"]}\"}}}},\r\n"
            + "{\"key\":1,\"error\":\"not_found\"}\r\n"
            + "]}\n";
        Assert.Equal(expected, await Client.GetStringAsync(db + "/_all_docs?keys=" + Uri.EscapeDataString("""["b","zz","d","a",1]""")));
        var post = await TestDb.Post(Client, db + "/_all_docs", """{"keys":["b","zz","d","a",1]}""");
        Assert.Equal(expected, await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Include_docs_gives_deleted_keys_a_null_doc_and_missing_keys_none()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "d");
        string deleted = await TestDb.Delete(Client, db, "d", revs["d"]);
        var response = await TestDb.Post(Client, db + "/_all_docs?include_docs=true", """{"keys":["d","x","a"]}""");
        await HttpAssert.Body(response, HttpStatusCode.OK, $$$"""
            {"total_rows":1,"offset":null,"rows":[
              {"id":"d","key":"d","value":{"rev":"{{{deleted}}}","deleted":true},"doc":null},
              {"key":"x","error":"not_found"},
              {"id":"a","key":"a","value":{"rev":"{{{revs["a"]}}}"},"doc":{"_id":"a","_rev":"{{{revs["a"]}}}","n":0}}]}
            """);
    }

    [Theory]
    [InlineData("descending=true", "e,d,c,b,a")]
    [InlineData("skip=1&limit=2", "b,c")]
    [InlineData("descending=true&skip=3", "b,a")]
    [InlineData("limit=0", "")]
    [InlineData("skip=9", "")]
    public async Task Skip_limit_and_descending_apply_to_the_keys(string query, string expected)
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a", "c");
        var body = await HttpAssert.Json(
            await TestDb.Post(Client, db + "/_all_docs?" + query, """{"keys":["a","b","c","d","e"]}"""), HttpStatusCode.OK);
        Assert.Equal(expected, string.Join(",", body!["rows"]!.AsArray().Select(r => (string?)r!["key"])));
    }

    [Fact]
    public async Task Update_seq_with_keys_is_null()
    {
        string db = await TestDb.Create(Client);
        string body = await Client.GetStringAsync(db + "/_all_docs?update_seq=true&keys=%5B%5D");
        Assert.Equal("{\"total_rows\":0,\"offset\":null,\"update_seq\":null,\"rows\":[\r\n\r\n]}\n", body);
    }

    [Fact]
    public async Task Empty_keys_allow_a_start_key()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        var body = await HttpAssert.Json(await TestDb.Post(Client, db + "/_all_docs?startkey=%22a%22", """{"keys":[]}"""), HttpStatusCode.OK);
        Assert.Empty(body!["rows"]!.AsArray());
    }

    [Theory]
    [InlineData("keys=%5B%22a%22%5D&startkey=%22b%22")]
    [InlineData("keys=%5B%22a%22%2C%22b%22%5D&end_key=%22b%22")]
    [InlineData("key=%22a%22&keys=%5B%22a%22%5D")]
    public async Task Keys_with_a_range_are_refused(string query)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await Client.GetAsync(db + "/_all_docs?" + query), HttpStatusCode.BadRequest,
            "query_parse_error", "`keys` is incompatible with `key`, `start_key` and `end_key`");
    }

    [Fact]
    public async Task Keys_must_be_an_array()
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await Client.GetAsync(db + "/_all_docs?keys=%22a%22"), HttpStatusCode.BadRequest,
            "bad_request", "`keys` parameter must be an array.");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_all_docs", """{"keys":"a"}"""), HttpStatusCode.BadRequest,
            "bad_request", "`keys` body member must be an array.");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_all_docs?keys=%7B%7D", "{}"), HttpStatusCode.BadRequest,
            "query_parse_error", "`keys` must be an array of strings.");
    }
}
