using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.DesignFunctions;

public sealed class JintRewriteTests(CouchServer server) : RewriteTests(server, "jint"), IClassFixture<CouchServer>;

public sealed class V8RewriteTests(CouchServer server) : RewriteTests(server, "v8"), IClassFixture<CouchServer>;

/// <summary><c>_rewrite</c> with rule arrays and functions: targets, queries, methods, limits, security.</summary>
public abstract class RewriteTests(CouchServer server, string engine) : EngineTest(server, engine)
{
    private const string Rules = """
        {"_id":"_design/app",
         "rewrites":[
           {"from":"", "to":"_show/page"},
           {"from":"/doc/:id", "to":"../../:id"},
           {"from":"/name/:name", "to":"_list/names/by_name", "query":{"key":":name","reduce":"false"}},
           {"from":"/all/*", "to":"_view/by_name/*"},
           {"method":"POST", "from":"/bump/:id", "to":"_update/bump/:id"},
           {"from":"/loop", "to":"_rewrite/loop"}],
         "shows":{"page":"function(doc, req) { return 'page ' + req.query.x + ' ' + req.path.join('/'); }"},
         "updates":{"bump":"function(doc, req) { doc.n = (doc.n || 0) + 1; return [doc, 'bumped ' + req.body]; }"},
         "views":{"by_name":{"map":"function(doc) { if (doc.name) emit(doc.name, 1); }","reduce":"_count"}},
         "lists":{"names":"function(head, req) { var row, out = []; while (row = getRow()) out.push(row.id); return out.join(','); }"}}
        """;

    // Every rule of an array is checked before any is matched, so one insecure rule fails them all.
    private const string Escape = """{"_id":"_design/escape","rewrites":[{"from":"/escape/*","to":"../../../*"},{"from":"/doc/:id","to":"../../:id"}]}""";

    private const string Function = """
        {"_id":"_design/fn",
         "rewrites":"function(req) { var p = req.path.slice(4); if (p[0] == 'deny') return {code: 403, body: 'denied ' + req.userCtx.name, headers: {'Content-Type': 'text/plain'}}; if (p[0] == 'doc') return {path: '../../' + p[1], query: {revs: 'true'}}; if (p[0] == 'page') return '_show/page/' + p[1]; if (p[0] == 'post') return {path: '_update/bump/' + p[1], method: 'POST', body: 'from rewrite'}; return null; }",
         "shows":{"page":"function(doc, req) { return 'fn page ' + (doc ? doc._id : 'none') + ' ' + req.query.x; }"},
         "updates":{"bump":"function(doc, req) { doc.n = (doc.n || 0) + 1; return [doc, 'bumped ' + req.body]; }"}}
        """;

    private async Task<string> Db()
    {
        string db = await Database(Rules, Function, Escape);
        await TestDb.BulkDocs(Client, db, """[{"_id":"alice","name":"alice"},{"_id":"bob","name":"bob"}]""");
        return db;
    }

    [Fact]
    public async Task Rules_lead_to_shows_documents_lists_and_views()
    {
        string db = await Db();
        Assert.Equal($"page 1 {db}/_design/app/_show/page", await Text(await Client.GetAsync($"{db}/_design/app/_rewrite?x=1"), HttpStatusCode.OK));
        Assert.Equal("alice", (string)(await HttpAssert.Json(await Client.GetAsync($"{db}/_design/app/_rewrite/doc/alice"), HttpStatusCode.OK))!["_id"]!);
        Assert.Equal("bob", await Text(await Client.GetAsync($"{db}/_design/app/_rewrite/name/bob"), HttpStatusCode.OK));
        await HttpAssert.Body(await Client.GetAsync($"{db}/_design/app/_rewrite/all?group=true"), HttpStatusCode.OK,
            """{"rows":[{"key":"alice","value":1},{"key":"bob","value":1}]}""");
    }

    [Fact]
    public async Task A_method_rule_and_the_body_pass_through()
    {
        string db = await Db();
        Assert.Equal("bumped hi", await Text(await Client.PostAsync($"{db}/_design/app/_rewrite/bump/alice", new StringContent("hi")), HttpStatusCode.Created));
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_rewrite/bump/alice"), HttpStatusCode.NotFound, "not_found", "missing");
    }

    [Fact]
    public async Task A_rewrite_function_rewrites_or_answers()
    {
        string db = await Db();
        Assert.Equal("fn page alice 2", await Text(await Client.GetAsync($"{db}/_design/fn/_rewrite/page/alice?x=2"), HttpStatusCode.OK));
        var doc = await HttpAssert.Json(await Client.GetAsync($"{db}/_design/fn/_rewrite/doc/bob"), HttpStatusCode.OK);
        Assert.NotNull(doc!["_revisions"]);
        var denied = await Client.GetAsync($"{db}/_design/fn/_rewrite/deny");
        Assert.Equal(("denied admin", "text/plain"), (await Text(denied, HttpStatusCode.Forbidden), Header(denied, "Content-Type")));
        Assert.Equal("bumped from rewrite", await Text(await Client.GetAsync($"{db}/_design/fn/_rewrite/post/alice"), HttpStatusCode.Created));
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/fn/_rewrite/other"), HttpStatusCode.NotFound, "rewrite_error", "Invalid path.");
    }

    [Fact]
    public async Task Errors_are_CouchDBs()
    {
        string db = await Db();
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_rewrite/nowhere/at/all"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_rewrite/loop"), HttpStatusCode.BadRequest, "bad_request", "Exceeded rewrite recursion limit");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_design/escape/_rewrite/doc/alice"), HttpStatusCode.InternalServerError, "insecure_rewrite_rule", "too many ../.. segments");
        string bare = await Database("""{"_id":"_design/none"}""");
        await HttpAssert.Error(await Client.GetAsync($"{bare}/_design/none/_rewrite/x"), HttpStatusCode.NotFound, "rewrite_error", "Invalid path.");
    }

    [Fact]
    public async Task Without_secure_rewrites_a_rule_may_leave_the_database_and_is_authorized_there()
    {
        string db = await Db();
        string other = await Database();
        await Put($"{other}/secret", """{"s":1}""");
        Assert.Equal(HttpStatusCode.OK, (await Put($"{db}/_security", """{"members":{"names":[],"roles":[]},"admins":{"names":[],"roles":[]}}""")).StatusCode);
        Server.Host.Services.Config.Set("chttpd", "secure_rewrites", "false", persist: false);
        try
        {
            Assert.Equal(1, (int)(await HttpAssert.Json(await Client.GetAsync($"{db}/_design/escape/_rewrite/escape/{other}/secret"), HttpStatusCode.OK))!["s"]!);
            // Anonymous may read the public database, not the other one its rewrite leads to.
            await HttpAssert.Json(await Server.Anonymous.GetAsync($"{db}/_design/escape/_rewrite/doc/alice"), HttpStatusCode.OK);
            await HttpAssert.Json(await Server.Anonymous.GetAsync($"{db}/_design/escape/_rewrite/escape/{other}/secret"), HttpStatusCode.Unauthorized);
        }
        finally
        {
            Server.Host.Services.Config.Delete("chttpd", "secure_rewrites", persist: false);
        }
    }

    [Fact]
    public async Task The_rewrite_limit_is_configurable()
    {
        string db = await Db();
        Server.Host.Services.Config.Set("chttpd", "rewrite_limit", "1", persist: false);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"{db}/_design/app/_rewrite/doc/alice")).StatusCode);
            await HttpAssert.Error(await Client.GetAsync($"{db}/_design/app/_rewrite/loop"), HttpStatusCode.BadRequest, "bad_request", "Exceeded rewrite recursion limit");
        }
        finally
        {
            Server.Host.Services.Config.Delete("chttpd", "rewrite_limit", persist: false);
        }
    }
}
