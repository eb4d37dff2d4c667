using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.AllDocs;

public sealed class AllDocsParameterTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Theory]
    [InlineData("limit=-1", "Invalid value for positive integer: \"-1\"")]
    [InlineData("limit=abc", "Invalid value for integer: \"abc\"")]
    [InlineData("skip=1.5", "Invalid value for integer: \"1.5\"")]
    [InlineData("skip=-3", "Invalid value for positive integer: \"-3\"")]
    [InlineData("descending=yes", "Invalid boolean parameter: \"yes\"")]
    [InlineData("include_docs=1", "Invalid boolean parameter: \"1\"")]
    [InlineData("inclusive_end=a%22b", "Invalid boolean parameter: \"a\\\"b\"")]
    [InlineData("reduce=true", "Reduce is invalid for map-only views.")]
    [InlineData("group=true", "Invalid use of grouping on a map view.")]
    [InlineData("group_level=2", "Invalid use of grouping on a map view.")]
    [InlineData("group=false&group_level=1", "Can't specify group=false and group_level>0 at the same time")]
    [InlineData("stale=later", "Invalid value for `stale`.")]
    [InlineData("stable=yes", "Invalid value for `stable`.")]
    [InlineData("update=maybe", "Invalid value for `update`.")]
    [InlineData("partition=p", "`partition` parameter is not supported on this db")]
    [InlineData("partition=", "Invalid value for `partition`.")]
    [InlineData("sorted=no", "Invalid boolean parameter: \"no\"")]
    public async Task Bad_query_parameters_are_query_parse_errors(string query, string reason)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await Client.GetAsync(db + "/_all_docs?" + query), HttpStatusCode.BadRequest, "query_parse_error", reason);
    }

    [Theory]
    [InlineData("""{"limit":"5"}""", "Invalid value for integer: <<\"5\">>")]
    [InlineData("""{"limit":-1}""", "Invalid value for positive integer: -1")]
    [InlineData("""{"skip":2.0}""", "Invalid value for integer: 2.0")]
    [InlineData("""{"descending":"nope"}""", "Invalid boolean parameter: \"nope\"")]
    [InlineData("""{"stable":true}""", "Invalid value for `stable`.")]
    public async Task Bad_body_parameters_print_as_couchdb_prints_decoded_values(string body, string reason)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_all_docs", body), HttpStatusCode.BadRequest, "query_parse_error", reason);
    }

    [Theory]
    [InlineData("descending=TRUE&limit=1", "b")]
    [InlineData("stale=ok&stable=false&update=lazy", "a,b")]
    [InlineData("sorted=false&callback=x&unknown=1", "a,b")]
    [InlineData("attachments=true&att_encoding_info=false", "a,b")]
    public async Task Accepted_parameters_are_parsed_as_couchdb_does(string query, string ids)
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a", "b");
        var body = await HttpAssert.Json(await Client.GetAsync(db + "/_all_docs?" + query), HttpStatusCode.OK);
        Assert.Equal(ids, string.Join(",", body!["rows"]!.AsArray().Select(r => (string?)r!["id"])));
    }

    [Theory]
    [InlineData("key=abc")]
    [InlineData("startkey=%7B")]
    [InlineData("keys=%5B1")]
    public async Task Invalid_json_in_a_parameter_is_a_bad_request(string query)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await Client.GetAsync(db + "/_all_docs?" + query), HttpStatusCode.BadRequest, "bad_request", "invalid UTF-8 JSON");
    }

    [Fact]
    public async Task The_later_of_key_and_startkey_wins()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a", "b");
        var keyFirst = await HttpAssert.Json(await Client.GetAsync(db + "/_all_docs?key=%22a%22&startkey=%22b%22"), HttpStatusCode.OK);
        Assert.Empty(keyFirst!["rows"]!.AsArray());
        var keyLast = await HttpAssert.Json(await Client.GetAsync(db + "/_all_docs?startkey=%22b%22&key=%22a%22"), HttpStatusCode.OK);
        Assert.Equal("a", (string?)keyLast!["rows"]![0]!["id"]);
    }

    [Fact]
    public async Task A_key_that_is_not_a_string_falls_back_to_the_doc_id_bounds()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a", "b", "c");
        var body = await HttpAssert.Json(await Client.GetAsync(db + "/_all_docs?startkey=1&startkey_docid=b&endkey=null"), HttpStatusCode.OK);
        Assert.Equal("b,c", string.Join(",", body!["rows"]!.AsArray().Select(r => (string?)r!["id"])));
        Assert.Equal(1, (int)body["offset"]!);
    }

    [Fact]
    public async Task A_missing_or_deleted_key_reports_where_it_would_be()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "b", "c", "d", "_design/x");
        await TestDb.Delete(Client, db, "d", revs["d"]);
        await HttpAssert.Body(await Client.GetAsync(db + "/_all_docs?key=%22not_exist%22"), HttpStatusCode.OK,
            """{"total_rows":4,"offset":4,"rows":[]}""");
        await HttpAssert.Body(await Client.GetAsync(db + "/_all_docs?key=%22d%22"), HttpStatusCode.OK,
            """{"total_rows":4,"offset":4,"rows":[]}""");
        await HttpAssert.Body(await Client.GetAsync(db + "/_all_docs?skip=10"), HttpStatusCode.OK,
            """{"total_rows":4,"offset":4,"rows":[]}""");
    }

    [Fact]
    public async Task Post_needs_a_json_object_of_json_type()
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_all_docs", "[]"), HttpStatusCode.BadRequest,
            "bad_request", "Request body must be a JSON object");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_all_docs", "{"), HttpStatusCode.BadRequest,
            "bad_request", "invalid UTF-8 JSON");
        var text = await Client.PostAsync(db + "/_all_docs", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));
        await HttpAssert.Error(text, HttpStatusCode.UnsupportedMediaType, "bad_content_type", "Content-Type must be application/json");
    }
}
