using CouchJs.Database;
using CouchJs.DesignFunctions.Rewrites;

namespace CouchJs.DesignFunctions.Tests.Rewrites;

/// <summary>What a rewrite function's answer leads to (couch_query_servers:rewrite, chttpd_rewrite:do_rewrite).</summary>
public sealed class RewriteFunctionAnswerTests
{
    private const string Prefix = "/db/_design/d";

    [Fact]
    public void A_path_is_taken_below_the_design_doc_with_the_requests_query()
    {
        var to = Assert.IsType<RewriteTo>(Read("""["ok",{"path":"_show/s/x","method":"GET"}]""", "a=1&b=x+y"));
        Assert.Equal(("/db/_design/d/_show/s/x?a=1&b=x+y", "GET"), (to.Target, to.Method));
        Assert.Null(to.Headers);
    }

    [Fact]
    public void The_functions_query_headers_and_body_replace_the_requests()
    {
        var to = Assert.IsType<RewriteTo>(Read("""["ok",{"path":"../../../other/doc","query":{"q":"1 2"},"headers":{"X-A":"b"},"body":"{}","method":"PUT"}]""", "a=1"));
        Assert.Equal(("/other/doc?q=1+2", "PUT", "{}"), (to.Target, to.Method, to.Body));
        Assert.Equal([new("X-A", "b")], to.Headers!);
    }

    [Fact]
    public void A_code_answers_at_once()
    {
        var respond = Assert.IsType<RewriteRespond>(Read("""["ok",{"code":403,"body":"no","headers":{"Content-Type":"text/plain"}}]""", ""));
        Assert.Equal((403, "no"), (respond.Code, respond.Body));
        Assert.Equal([new("Content-Type", "text/plain")], respond.Headers);
    }

    [Fact]
    public void No_dispatch_rule_is_no_rewrite()
    {
        Assert.Null(Read("""["no_dispatch_rule"]""", ""));
    }

    [Theory]
    [InlineData("""["ok",{"method":1,"path":"x"}]""", "bad method")]
    [InlineData("""["ok",{"path":2}]""", "bad path")]
    [InlineData("""["ok",{"path":"x","body":{}}]""", "bad body")]
    [InlineData("""["ok",{"path":"x","headers":[]}]""", "bad headers")]
    [InlineData("""["ok",{"path":"x","query":"q"}]""", "bad query")]
    [InlineData("""["ok",{"path":"x","query":{"a":1}}]""", "object key/value must be strings <<\"a\">>=1")]
    [InlineData("""["ok",{"code":700}]""", "bad code")]
    [InlineData("""["ok","x"]""", "bad rewrite")]
    [InlineData("""["ok",{"method":"GET"}]""", "Rewrite result must produce a new path.")]
    public void Malformed_answers_are_rewrite_errors(string answer, string reason)
    {
        var e = Assert.Throws<CouchException>(() => Read(answer, ""));
        Assert.Equal((500, "rewrite_error", reason), (e.Status, e.Error, e.Reason));
    }

    [Fact]
    public void Forbidden_and_unauthorized_answers_are_refusals()
    {
        Assert.Equal((403, "go away"), Refusal("""{"forbidden":"go away"}"""));
        Assert.Equal((401, "log in"), Refusal("""{"unauthorized":"log in"}"""));
    }

    private static (int, string) Refusal(string answer)
    {
        var e = Assert.Throws<CouchException>(() => Read(answer, ""));
        return (e.Status, e.Reason);
    }

    private static RewriteOutcome? Read(string answer, string query) => RewriteFunctionAnswer.Read(System.Text.Encoding.UTF8.GetBytes(answer), Prefix, query);
}
