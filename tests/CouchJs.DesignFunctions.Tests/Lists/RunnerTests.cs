using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Database;
using CouchJs.DesignFunctions.Rewrites;
using CouchJs.DesignFunctions.Tests.Support;

namespace CouchJs.DesignFunctions.Tests.Lists;

/// <summary>Shows, updates, lists and rewrite functions run through the runner in Jint.</summary>
public sealed class RunnerTests : IAsyncLifetime
{
    private static readonly byte[] Req = Encoding.UTF8.GetBytes("""{"method":"GET","path":["db","_design","d","_show","s"],"query":{"q":"1"},"headers":{}}""");

    private static readonly byte[] Post = Encoding.UTF8.GetBytes("""{"method":"POST","path":["db","_design","d","_update","u"],"query":{"q":"1"},"headers":{}}""");

    private readonly FunctionsHarness _h = FunctionsHarness.Jint();

    public async Task InitializeAsync() => await _h.Put("""
        {"_id":"_design/d",
         "shows":{"s":"function(doc, req) { return {body: (doc ? doc._id : 'none') + ' ' + req.query.q, headers: {'X-S': 'y'}}; }",
                  "bad":"function() { return 5; }"},
         "updates":{"u":"function(doc, req) { return [{_id: 'made', n: 1}, {json: {ok: req.query.q}}]; }",
                    "none":"function(doc) { return [null, 'nothing']; }"},
         "lists":{"l":"function(head, req) { start({code: 201, headers: {'X-L': 'z'}}); send('h' + head.total_rows); var r; while (r = getRow()) { if (r.key == 'stop') return 'early'; send(r.key); } return 'tail'; }",
                  "fails":"function(head) { getRow(); throw 'oops'; }"},
         "rewrites":"function(req) { return req.path[4] == 'none' ? null : 'target/' + req.path[4]; }"}
        """);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_show_answers_its_response_object()
    {
        var response = await _h.Runner.Show(_h.Db, Design(), "s", """{"_id":"doc1"}"""u8.ToArray(), Req, default);
        Assert.Equal(("doc1 1", "text/html; charset=utf-8"), (Encoding.UTF8.GetString(response.Body), response.ContentType));
        Assert.Equal([new("X-S", "y")], response.Headers);
    }

    [Fact]
    public async Task A_show_that_returns_no_response_is_a_render_error()
    {
        var e = await Assert.ThrowsAsync<CouchException>(() => _h.Runner.Show(_h.Db, Design(), "bad", "null"u8.ToArray(), Req, default));
        Assert.Equal((500, "render_error", "undefined response from show function"), (e.Status, e.Error, e.Reason));
    }

    [Fact]
    public async Task A_missing_function_is_the_query_servers_not_found()
    {
        var e = await Assert.ThrowsAsync<CouchException>(() => _h.Runner.Show(_h.Db, Design(), "nope", "null"u8.ToArray(), Req, default));
        Assert.Equal((404, "not_found", "missing shows function nope on design doc _design/d"), (e.Status, e.Error, e.Reason));
    }

    [Fact]
    public async Task An_update_answers_the_document_to_save_or_none()
    {
        var (doc, response) = await _h.Runner.Update(_h.Db, Design(), "u", "null"u8.ToArray(), Post, default);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"_id":"made","n":1}"""), JsonNode.Parse(doc!)));
        Assert.Equal("""{"json":{"ok":"1"}}""", response.GetRawText());
        var (none, text) = await _h.Runner.Update(_h.Db, Design(), "none", "null"u8.ToArray(), Post, default);
        Assert.Null(none);
        Assert.Equal("""{"body":"nothing"}""", text.GetRawText());
    }

    [Fact]
    public async Task An_update_refuses_GET_as_the_query_server_does()
    {
        var e = await Assert.ThrowsAsync<CouchException>(() => _h.Runner.Update(_h.Db, Design(), "u", "null"u8.ToArray(), Req, default));
        Assert.Equal((500, "method_not_allowed", "Update functions do not allow GET"), (e.Status, e.Error, e.Reason));
    }

    [Fact]
    public async Task A_list_streams_start_rows_and_end()
    {
        await using var run = await _h.Runner.StartList(_h.Db, Design(), "l", """{"total_rows":2,"offset":0}"""u8.ToArray(), Req, default);
        Assert.Equal(["h2"], run.First.Chunks);
        Assert.Equal("""{"code":201,"headers":{"X-L":"z"}}""", run.First.Response!.Value.GetRawText());
        var row = await run.Row("""{"key":"a"}"""u8.ToArray());
        Assert.Equal((false, "a"), (row.Ended, string.Concat(row.Chunks)));
        var end = await run.End();
        Assert.Equal((true, "tail"), (end.Ended, string.Concat(end.Chunks)));
    }

    [Fact]
    public async Task A_list_may_end_before_the_rows_do()
    {
        await using var run = await _h.Runner.StartList(_h.Db, Design(), "l", "{}"u8.ToArray(), Req, default);
        var step = await run.Row("""{"key":"stop"}"""u8.ToArray());
        Assert.Equal((true, "early"), (step.Ended, string.Concat(step.Chunks)));
    }

    [Fact]
    public async Task A_list_that_throws_answers_a_render_error_and_its_engine_is_reused()
    {
        await using (var run = await _h.Runner.StartList(_h.Db, Design(), "fails", "{}"u8.ToArray(), Req, default))
        {
            var e = await Assert.ThrowsAsync<QueryServers.QueryServerException>(() => run.Row("""{"key":"a"}"""u8.ToArray()));
            Assert.Equal(("render_error", "function raised error: oops \nstacktrace: undefined"), (e.Error, e.Reason));
        }
        var response = await _h.Runner.Show(_h.Db, Design(), "s", "null"u8.ToArray(), Req, default);
        Assert.Equal("none 1", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public async Task A_list_left_half_way_does_not_block_the_pool()
    {
        for (int i = 0; i < 3 * Environment.ProcessorCount * 4; i++)
        {
            await using var run = await _h.Runner.StartList(_h.Db, Design(), "l", "{}"u8.ToArray(), Req, default);
        }
        var response = await _h.Runner.Show(_h.Db, Design(), "s", "null"u8.ToArray(), Req, default);
        Assert.Equal("none 1", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public async Task A_rewrite_function_answers_a_path_or_nothing()
    {
        var to = await _h.Runner.Rewrite(_h.Db, Design(), Encoding.UTF8.GetBytes("""{"method":"GET","path":["db","_design","d","_rewrite","x"],"query":{}}"""), "/db/_design/d", "a=1", default);
        Assert.Equal("/db/_design/d/target/x?a=1", Assert.IsType<RewriteTo>(to).Target);
        Assert.Null(await _h.Runner.Rewrite(_h.Db, Design(), Encoding.UTF8.GetBytes("""{"method":"GET","path":["db","_design","d","_rewrite","none"],"query":{}}"""), "/db/_design/d", "", default));
    }

    private DesignFunctions.Designs.DesignDoc Design() => _h.Cache.Current(_h.Db).Get("_design/d");
}
