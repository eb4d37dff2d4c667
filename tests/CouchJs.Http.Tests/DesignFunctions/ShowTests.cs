using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.DesignFunctions;

public sealed class JintShowTests(CouchServer server) : ShowTests(server, "jint"), IClassFixture<CouchServer>;

public sealed class V8ShowTests(CouchServer server) : ShowTests(server, "v8"), IClassFixture<CouchServer>;

/// <summary><c>_show</c>: documents, the request object, response objects, provides/Accept, ETags, errors.</summary>
public abstract class ShowTests(CouchServer server, string engine) : EngineTest(server, engine)
{
    private const string Design = """
        {"_id":"_design/app",
         "shows":{
           "hello":"function(doc, req) { return {body: 'Hello ' + (doc ? doc.name : 'nobody'), headers: {'X-Show': 'yes'}}; }",
           "req":"function(doc, req) { return {json: {doc: doc, req: req}}; }",
           "title":"function(doc, req) { return doc.name.toUpperCase(); }",
           "bin":"function(doc, req) { return {base64: 'aGVsbG8=', code: 203}; }",
           "throws":"function(doc, req) { throw new Error('kaboom'); }",
           "formats":"function(doc, req) { provides('html', function() { return '<b>' + doc.name + '</b>'; }); provides('json', function() { return toJSON({name: doc.name}); }); }",
           "custom":"function(doc, req) { registerType('foo', 'application/foo'); provides('foo', function() { return 'foo!'; }); }"}}
        """;

    private async Task<string> Db()
    {
        string db = await Database(Design);
        await TestDb.BulkDocs(Client, db, """[{"_id":"alice","name":"alice"},{"_id":"a/b","name":"slash"}]""");
        return db;
    }

    [Fact]
    public async Task The_engine_is_the_configured_one()
    {
        var versions = await HttpAssert.Json(await Client.GetAsync("_node/_local/_versions"), HttpStatusCode.OK);
        Assert.Equal(Engine, (string)versions!["javascript_engine"]!["name"]!);
    }

    [Fact]
    public async Task A_show_renders_a_document_as_html_with_ETag_Vary_and_the_sandbox_policy()
    {
        string db = await Db();
        var response = await Client.GetAsync($"{db}/_design/app/_show/hello/alice");
        Assert.Equal("Hello alice", await Text(response, HttpStatusCode.OK));
        Assert.Equal("text/html; charset=utf-8", Header(response, "Content-Type"));
        Assert.Equal(("yes", "Accept", "sandbox"), (Header(response, "X-Show"), Header(response, "Vary"), Header(response, "Content-Security-Policy")));
        Assert.Matches("^\"[0-9A-Z]{1,25}\"$", Header(response, "ETag")); // chttpd:make_etag: an md5 in base 36
        Assert.Null(Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task Without_a_docid_or_with_a_missing_one_the_document_is_null()
    {
        string db = await Db();
        Assert.Equal("Hello nobody", await Text(await Client.GetAsync($"{db}/_design/app/_show/hello"), HttpStatusCode.OK));
        Assert.Equal("Hello nobody", await Text(await Client.GetAsync($"{db}/_design/app/_show/hello/missing"), HttpStatusCode.OK));
        Assert.Equal("Hello slash", await Text(await Client.GetAsync($"{db}/_design/app/_show/hello/a/b"), HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_show_that_fails_for_a_missing_document_is_not_found()
    {
        string db = await Db();
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_show/title/missing"), HttpStatusCode.NotFound, "not_found", "document not found");
        var noDoc = await HttpAssert.Json(await Client.GetAsync($"{db}/_design/app/_show/title"), HttpStatusCode.InternalServerError);
        Assert.Equal("render_error", (string)noDoc!["error"]!);
        Assert.Equal("ALICE", await Text(await Client.GetAsync($"{db}/_design/app/_show/title/alice"), HttpStatusCode.OK));
    }

    [Fact]
    public async Task The_request_object_is_CouchDBs()
    {
        string db = await Db();
        var request = Request(HttpMethod.Post, $"{db}/_design/app/_show/req/alice?q=1&key=%22k%22", "title=Hi+there&n=2", "application/x-www-form-urlencoded");
        request.Headers.Add("Cookie", "a=1; b=2");
        var body = await HttpAssert.Json(await Client.SendAsync(request), HttpStatusCode.OK);
        var req = body!["req"]!;
        Assert.Equal(["info", "uuid", "id", "method", "requested_path", "path", "raw_path", "query", "headers", "body", "peer", "form", "cookie", "userCtx", "secObj"],
            req.AsObject().Select(p => p.Key));
        Assert.Equal((db, "alice", "POST", "127.0.0.1"), ((string)req["info"]!["db_name"]!, (string)req["id"]!, (string)req["method"]!, (string)req["peer"]!));
        Assert.Matches("^[0-9a-f]{32}$", (string)req["uuid"]!);
        AssertJson($$"""["{{db}}","_design","app","_show","req","alice"]""", req["path"]);
        Assert.Equal($"/{db}/_design/app/_show/req/alice?q=1&key=%22k%22", (string)req["raw_path"]!);
        AssertJson("""{"q":"1","key":"k"}""", req["query"]);
        AssertJson("""{"title":"Hi there","n":"2"}""", req["form"]);
        AssertJson("""{"a":"1","b":"2"}""", req["cookie"]);
        Assert.Equal("title=Hi+there&n=2", (string)req["body"]!);
        AssertJson($$"""{"db":"{{db}}","name":"admin","roles":["_admin"]}""", req["userCtx"]);
        AssertJson("""{"members":{"roles":["_admin"]},"admins":{"roles":["_admin"]}}""", req["secObj"]);
        Assert.Equal("application/x-www-form-urlencoded", (string)req["headers"]!["Content-Type"]!);
        Assert.Equal("alice", (string)body["doc"]!["_id"]!);
        Assert.NotNull(body["doc"]!["_revisions"]);
    }

    [Fact]
    public async Task A_GET_has_an_undefined_body()
    {
        string db = await Db();
        var body = await HttpAssert.Json(await Client.GetAsync($"{db}/_design/app/_show/req"), HttpStatusCode.OK);
        Assert.Equal("undefined", (string)body!["req"]!["body"]!);
        Assert.Null(body["req"]!["id"]);
    }

    [Fact]
    public async Task A_json_response_is_sent_as_CouchDB_sends_JSON()
    {
        string db = await Db();
        var response = await Client.GetAsync($"{db}/_design/app/_show/req");
        await HttpAssert.Json(response, HttpStatusCode.OK);
        Assert.Equal(("application/json", "must-revalidate"), (Header(response, "Content-Type"), Header(response, "Cache-Control")));
        Assert.Null(Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task A_base64_body_is_binary_with_the_functions_code()
    {
        string db = await Db();
        var response = await Client.GetAsync($"{db}/_design/app/_show/bin");
        Assert.Equal("hello", await Text(response, (HttpStatusCode)203));
        Assert.Equal("application/binary", Header(response, "Content-Type"));
    }

    [Fact]
    public async Task Provides_picks_the_format_from_the_query_or_the_Accept_header()
    {
        string db = await Db();
        var html = Request(HttpMethod.Get, $"{db}/_design/app/_show/formats/alice");
        html.Headers.Add("Accept", "text/html");
        var htmlResponse = await Client.SendAsync(html);
        Assert.Equal("<b>alice</b>", await Text(htmlResponse, HttpStatusCode.OK));
        Assert.Equal("text/html; charset=utf-8", Header(htmlResponse, "Content-Type"));
        var json = Request(HttpMethod.Get, $"{db}/_design/app/_show/formats/alice");
        json.Headers.Add("Accept", "application/json");
        Assert.Equal("{\"name\":\"alice\"}", await Text(await Client.SendAsync(json), HttpStatusCode.OK));
        Assert.Equal("{\"name\":\"alice\"}", await Text(await Client.GetAsync($"{db}/_design/app/_show/formats/alice?format=json"), HttpStatusCode.OK));
        var png = Request(HttpMethod.Get, $"{db}/_design/app/_show/formats/alice");
        png.Headers.Add("Accept", "image/png");
        await HttpAssert.Error(await Client.SendAsync(png), HttpStatusCode.NotAcceptable, "not_acceptable",
            "Content-Type image/png not supported, try one of: application/json, text/x-json, text/html; charset=utf-8");
        var foo = Request(HttpMethod.Get, $"{db}/_design/app/_show/custom/alice");
        foo.Headers.Add("Accept", "application/foo");
        var fooResponse = await Client.SendAsync(foo);
        Assert.Equal(("foo!", "application/foo"), (await Text(fooResponse, HttpStatusCode.OK), Header(fooResponse, "Content-Type")));
    }

    [Fact]
    public async Task A_matching_If_None_Match_is_304_and_a_new_revision_changes_the_ETag()
    {
        string db = await Db();
        var first = await Client.GetAsync($"{db}/_design/app/_show/hello/alice");
        string etag = Header(first, "ETag")!;
        var again = Request(HttpMethod.Get, $"{db}/_design/app/_show/hello/alice");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, Header(notModified, "ETag"));
        await Put($"{db}/alice", $$"""{"_rev":"{{await Rev(db, "alice")}}","name":"alice2"}""");
        Assert.NotEqual(etag, Header(await Client.GetAsync($"{db}/_design/app/_show/hello/alice"), "ETag"));
    }

    [Fact]
    public async Task Errors_are_CouchDBs()
    {
        string db = await Db();
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_show/nope"), HttpStatusCode.NotFound, "not_found", "missing json key: nope");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/none/_show/hello"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_show"), HttpStatusCode.NotFound, "show_error", "Invalid path.");
        var thrown = await HttpAssert.Json(await Client.GetAsync($"{db}/_design/app/_show/throws"), HttpStatusCode.InternalServerError);
        Assert.Equal("render_error", (string)thrown!["error"]!);
        Assert.StartsWith("function raised error: Error: kaboom", (string)thrown["reason"]!);
        string bare = await Database("""{"_id":"_design/empty"}""");
        await HttpAssert.Error(await Client.GetAsync($"{bare}/_design/empty/_show/x"), HttpStatusCode.NotFound, "not_found", "missing json key: shows");
    }

    [Fact]
    public async Task The_show_list_policy_follows_the_configuration()
    {
        string db = await Db();
        Server.Host.Services.Config.Set("csp", "showlist_header_value", "default-src 'self'", persist: false);
        try
        {
            Assert.Equal("default-src 'self'", Header(await Client.GetAsync($"{db}/_design/app/_show/hello"), "Content-Security-Policy"));
            Server.Host.Services.Config.Set("csp", "showlist_enable", "false", persist: false);
            Assert.Null(Header(await Client.GetAsync($"{db}/_design/app/_show/hello"), "Content-Security-Policy"));
        }
        finally
        {
            Server.Host.Services.Config.Delete("csp", "showlist_header_value", persist: false);
            Server.Host.Services.Config.Delete("csp", "showlist_enable", persist: false);
        }
    }

    [Fact]
    public async Task HEAD_sends_the_headers_only()
    {
        string db = await Db();
        var response = await Client.SendAsync(Request(HttpMethod.Head, $"{db}/_design/app/_show/hello/alice"));
        Assert.Equal("", await Text(response, HttpStatusCode.OK));
        Assert.Equal("X-Show", response.Headers.Single(h => h.Key == "X-Show").Key);
    }
}
