using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.DesignFunctions;

public sealed class JintListTests(CouchServer server) : ListTests(server, "jint"), IClassFixture<CouchServer>;

public sealed class V8ListTests(CouchServer server) : ListTests(server, "v8"), IClassFixture<CouchServer>;

/// <summary><c>_list</c> over map and reduce views: head, rows, start/send/getRow, provides, streaming, errors.</summary>
public abstract class ListTests(CouchServer server, string engine) : EngineTest(server, engine)
{
    private const string Design = """
        {"_id":"_design/app",
         "views":{"by_name":{"map":"function(doc) { if (doc.name) emit(doc.name, doc.n); }","reduce":"_sum"}},
         "lists":{
           "html":"function(head, req) { start({headers: {'Content-Type': 'text/html'}}); send('<ul data-total=\"' + head.total_rows + '\" data-offset=\"' + head.offset + '\">'); var row; while (row = getRow()) { send('<li>' + row.key + '=' + row.value + (row.doc ? ' doc:' + row.doc._id : '') + '</li>'); } return '</ul>'; }",
           "head":"function(head, req) { send(JSON.stringify(head)); }",
           "first":"function(head, req) { var row = getRow(); return row ? 'first ' + row.key : 'none'; }",
           "formats":"function(head, req) { provides('json', function() { var rows = []; var row; while (row = getRow()) rows.push(row.key); return JSON.stringify(rows); }); provides('text', function() { send('keys:'); var row; while (row = getRow()) send(' ' + row.key); }); }",
           "coded":"function(head, req) { start({code: 202, headers: {'X-List': 'yes'}}); send(req.query.q || 'no q'); }",
           "silent":"function(head, req) { }",
           "fails":"function(head, req) { send('before'); var row = getRow(); throw new Error('bad row'); }"}}
        """;

    private const string OtherDesign = """{"_id":"_design/other","views":{"names":{"map":"function(doc) { if (doc.name) emit(doc.name, null); }"}}}""";

    private async Task<string> Db()
    {
        string db = await Database(Design, OtherDesign);
        await TestDb.BulkDocs(Client, db, """[{"_id":"c","name":"carol","n":3},{"_id":"a","name":"alice","n":1},{"_id":"b","name":"bob","n":2}]""");
        return db;
    }

    [Fact]
    public async Task A_list_renders_a_views_rows_as_html()
    {
        string db = await Db();
        var response = await Client.GetAsync($"{db}/_design/app/_list/html/by_name?reduce=false");
        Assert.Equal("""<ul data-total="3" data-offset="0"><li>alice=1</li><li>bob=2</li><li>carol=3</li></ul>""", await Text(response, HttpStatusCode.OK));
        Assert.Equal(("text/html", "Accept", "sandbox"), (Header(response, "Content-Type"), Header(response, "Vary"), Header(response, "Content-Security-Policy")));
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Matches("^\"[0-9A-Z]{1,25}\"$", Header(response, "ETag")); // chttpd:make_etag: an md5 in base 36
    }

    [Fact]
    public async Task Query_parameters_shape_the_rows_and_the_head()
    {
        string db = await Db();
        Assert.Equal("""<ul data-total="3" data-offset="1"><li>bob=2 doc:b</li></ul>""",
            await Text(await Client.GetAsync($"{db}/_design/app/_list/html/by_name?reduce=false&startkey=%22b%22&limit=1&include_docs=true"), HttpStatusCode.OK));
        string head = await Text(await Client.GetAsync($"{db}/_design/app/_list/head/by_name?reduce=false&update_seq=true"), HttpStatusCode.OK);
        Assert.Matches("""^\{"total_rows":3,"offset":0,"update_seq":"5-[^"]+"\}$""", head);
    }

    [Fact]
    public async Task A_reduce_view_gives_an_empty_head_and_key_value_rows()
    {
        string db = await Db();
        Assert.Equal("{}", await Text(await Client.GetAsync($"{db}/_design/app/_list/head/by_name"), HttpStatusCode.OK));
        Assert.Equal("""<ul data-total="undefined" data-offset="undefined"><li>alice=1</li><li>bob=2</li><li>carol=3</li></ul>""",
            await Text(await Client.GetAsync($"{db}/_design/app/_list/html/by_name?group=true"), HttpStatusCode.OK));
        Assert.Equal("""<ul data-total="undefined" data-offset="undefined"><li>null=6</li></ul>""",
            await Text(await Client.GetAsync($"{db}/_design/app/_list/html/by_name"), HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_list_may_read_a_view_of_another_design_doc()
    {
        string db = await Db();
        Assert.Equal("first alice", await Text(await Client.GetAsync($"{db}/_design/app/_list/first/other/names"), HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_POST_reads_the_keys_of_its_body()
    {
        string db = await Db();
        var response = await Post($"{db}/_design/app/_list/html/by_name?reduce=false", """{"keys":["carol","alice"]}""");
        Assert.Equal("""<ul data-total="3" data-offset="2"><li>carol=3</li><li>alice=1</li></ul>""", await Text(response, HttpStatusCode.OK));
    }

    [Fact]
    public async Task Provides_picks_the_rendering_from_Accept_or_format()
    {
        string db = await Db();
        var json = Request(HttpMethod.Get, $"{db}/_design/app/_list/formats/by_name?reduce=false");
        json.Headers.Add("Accept", "application/json");
        var jsonResponse = await Client.SendAsync(json);
        Assert.Equal("""["alice","bob","carol"]""", await Text(jsonResponse, HttpStatusCode.OK));
        Assert.Equal("application/json", Header(jsonResponse, "Content-Type"));
        var text = await Client.GetAsync($"{db}/_design/app/_list/formats/by_name?reduce=false&format=text");
        Assert.Equal(("keys: alice bob carol", "text/plain; charset=utf-8"), (await Text(text, HttpStatusCode.OK), Header(text, "Content-Type")));
    }

    [Fact]
    public async Task Start_sets_the_code_and_headers_and_the_request_is_the_lists()
    {
        string db = await Db();
        var response = await Client.GetAsync($"{db}/_design/app/_list/coded/by_name?q=hello");
        Assert.Equal("hello", await Text(response, HttpStatusCode.Accepted));
        Assert.Equal(("yes", "application/json"), (Header(response, "X-List"), Header(response, "Content-Type")));
    }

    [Fact]
    public async Task A_list_that_sends_nothing_is_an_empty_200()
    {
        string db = await Db();
        var response = await Client.GetAsync($"{db}/_design/app/_list/silent/by_name");
        Assert.Equal("", await Text(response, HttpStatusCode.OK));
        Assert.Null(Header(response, "ETag"));
    }

    [Fact]
    public async Task An_error_after_the_start_is_appended_to_the_stream()
    {
        string db = await Db();
        string body = await Text(await Client.GetAsync($"{db}/_design/app/_list/fails/by_name?reduce=false"), HttpStatusCode.OK);
        Assert.Matches("""^before\n\{"code":500,"error":"render_error","reason":"function raised error: Error: bad row \\nstacktrace: [\s\S]*"\}\n$""", body);
    }

    [Fact]
    public async Task A_matching_If_None_Match_is_304()
    {
        string db = await Db();
        string etag = Header(await Client.GetAsync($"{db}/_design/app/_list/first/by_name?reduce=false"), "ETag")!;
        var again = Request(HttpMethod.Get, $"{db}/_design/app/_list/first/by_name?reduce=false");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(again)).StatusCode);
        await Put($"{db}/d", """{"name":"dave"}""");
        var changed = Request(HttpMethod.Get, $"{db}/_design/app/_list/first/by_name?reduce=false");
        changed.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(changed)).StatusCode);
    }

    [Fact]
    public async Task Errors_are_CouchDBs()
    {
        string db = await Db();
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_list/nope/by_name"), HttpStatusCode.NotFound, "not_found", "missing json key: nope");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_list/html/nope"), HttpStatusCode.NotFound, "not_found", "missing_named_view");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_list/html/missing/names"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_list/html"), HttpStatusCode.NotFound, "list_error", "Invalid path.");
        var put = await Put($"{db}/_design/app/_list/html/by_name", "{}");
        await HttpAssert.Error(put, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET,POST,HEAD allowed");
        Assert.Equal("GET,POST,HEAD", string.Join(",", put.Content.Headers.Allow));
        string viewReason = await ViewError(db);
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_list/html/by_name?group=true&reduce=false"), HttpStatusCode.BadRequest,
            "query_parse_error", viewReason);
    }

    // The view endpoint's own answer to the same bad query: a list checks its parameters as the view does.
    private async Task<string> ViewError(string db) =>
        (string)(await HttpAssert.Json(await Client.GetAsync($"{db}/_design/app/_view/by_name?group=true&reduce=false"), HttpStatusCode.BadRequest))!["reason"]!;
}
