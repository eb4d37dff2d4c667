using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.DesignFunctions;

public sealed class JintUpdateTests(CouchServer server) : UpdateTests(server, "jint"), IClassFixture<CouchServer>;

public sealed class V8UpdateTests(CouchServer server) : UpdateTests(server, "v8"), IClassFixture<CouchServer>;

/// <summary><c>_update</c>: new and existing documents, the saved revision's headers, codes, errors.</summary>
public abstract class UpdateTests(CouchServer server, string engine) : EngineTest(server, engine)
{
    private const string Design = """
        {"_id":"_design/app",
         "updates":{
           "create":"function(doc, req) { return [{_id: req.id || req.uuid, title: req.form.title || JSON.parse(req.body).title}, {json: {created: true}}]; }",
           "bump":"function(doc, req) { if (!doc) return [null, {code: 404, json: {error: 'missing', reason: 'no document to update'}}]; doc.n = (doc.n || 0) + 1; return [doc, 'n is ' + doc.n]; }",
           "accepted":"function(doc, req) { return [{_id: 'acc'}, {code: 202, body: 'queued'}]; }",
           "none":"function(doc, req) { return [null, 'nothing saved']; }",
           "noid":"function(doc, req) { return [{title: 'x'}, 'saved?']; }",
           "stale":"function(doc, req) { return [{_id: doc._id, _rev: '1-00000000000000000000000000000000'}, 'stale']; }"}}
        """;

    private async Task<string> Db()
    {
        string db = await Database(Design);
        await TestDb.BulkDocs(Client, db, """[{"_id":"counter","n":1}]""");
        return db;
    }

    [Fact]
    public async Task A_saved_document_is_201_with_its_new_rev_and_id()
    {
        string db = await Db();
        var response = await Put($"{db}/_design/app/_update/create/a%20b%2Fc", """{"title":"T"}""");
        await HttpAssert.Body(response, HttpStatusCode.Created, """{"created":true}""");
        Assert.Equal("a%20b%2Fc", Header(response, "X-Couch-Id"));
        string rev = Header(response, "X-Couch-Update-NewRev")!;
        Assert.Equal(rev, await Rev(db, "a%20b%2Fc"));
        Assert.Equal("must-revalidate", Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task Without_a_docid_the_function_names_the_document()
    {
        string db = await Db();
        var response = await Client.PostAsync($"{db}/_design/app/_update/create", new FormUrlEncodedContent([new("title", "from a form")]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        string id = Header(response, "X-Couch-Id")!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal("from a form", (string)(await HttpAssert.Json(await Client.GetAsync($"{db}/{id}"), HttpStatusCode.OK))!["title"]!);
    }

    [Fact]
    public async Task An_existing_document_is_edited_and_the_answer_is_the_functions()
    {
        string db = await Db();
        var response = await Put($"{db}/_design/app/_update/bump/counter", "");
        Assert.Equal("n is 2", await Text(response, HttpStatusCode.Created));
        Assert.Equal(("text/html; charset=utf-8", "counter"), (Header(response, "Content-Type"), Header(response, "X-Couch-Id")));
        await HttpAssert.Body(await Put($"{db}/_design/app/_update/bump/nothing-here", ""), HttpStatusCode.NotFound, """{"error":"missing","reason":"no document to update"}""");
    }

    [Fact]
    public async Task The_functions_code_wins_and_nothing_saved_is_200()
    {
        string db = await Db();
        var accepted = await Post($"{db}/_design/app/_update/accepted", "{}");
        Assert.Equal("queued", await Text(accepted, HttpStatusCode.Accepted));
        Assert.NotNull(Header(accepted, "X-Couch-Update-NewRev"));
        var none = await Post($"{db}/_design/app/_update/none", "{}");
        Assert.Equal("nothing saved", await Text(none, HttpStatusCode.OK));
        Assert.Null(Header(none, "X-Couch-Update-NewRev"));
    }

    [Fact]
    public async Task Errors_are_CouchDBs()
    {
        string db = await Db();
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_update/bump/counter"), HttpStatusCode.InternalServerError,
            "method_not_allowed", "Update functions do not allow GET");
        await HttpAssert.Error(await Post($"{db}/_design/app/_update/nope", "{}"), HttpStatusCode.NotFound, "not_found", "missing json key: nope");
        await HttpAssert.Error(await Post($"{db}/_design/app/_update", "{}"), HttpStatusCode.NotFound, "update_error", "Invalid path.");
        await HttpAssert.Error(await Post($"{db}/_design/app/_update/noid", "{}"), HttpStatusCode.BadRequest, "illegal_docid", "Document id must not be empty");
        await HttpAssert.Error(await Put($"{db}/_design/app/_update/stale/counter", ""), HttpStatusCode.Conflict, "conflict", "Document update conflict.");
    }
}
