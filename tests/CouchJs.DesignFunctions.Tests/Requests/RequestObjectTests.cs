using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Database;
using CouchJs.DesignFunctions.Requests;

namespace CouchJs.DesignFunctions.Tests.Requests;

/// <summary>The req object of shows, lists, updates and filters, and the rewrite function's Request2 object.</summary>
public sealed class RequestObjectTests
{
    private static readonly RequestScope Scope = new("mailbox", new UserCtx("Mike", ["user"]),
        Encoding.UTF8.GetBytes("""{"admins":{"names":["Bob"],"roles":[]},"members":{"names":["Mike","Alice"],"roles":[]}}"""));

    private static readonly byte[] Info = Encoding.UTF8.GetBytes("""{"db_name":"mailbox","doc_count":2}""");

    [Fact]
    public void A_GET_has_every_field_in_CouchDBs_order_and_an_undefined_body()
    {
        var req = Full(new RequestFacts("GET", "/mailbox/_design/request/_show/dump/foo", ["mailbox", "_design", "request", "_show", "dump", "foo"],
            [new("Host", "127.0.0.1:5984"), new("Accept", "text/html"), new("Cookie", "m=3234; AuthSession=cm9vdDo1MDZB")], null, "127.0.0.1"), "foo");
        Assert.Equal(
            ["info", "uuid", "id", "method", "requested_path", "path", "raw_path", "query", "headers", "body", "peer", "form", "cookie", "userCtx", "secObj"],
            req.AsObject().Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"info":{"db_name":"mailbox","doc_count":2},"uuid":"3184f9d1ea934e1f81a24c71bde5c168","id":"foo","method":"GET",
             "requested_path":["mailbox","_design","request","_show","dump","foo"],"path":["mailbox","_design","request","_show","dump","foo"],
             "raw_path":"/mailbox/_design/request/_show/dump/foo","query":{},
             "headers":{"Accept":"text/html","Cookie":"m=3234; AuthSession=cm9vdDo1MDZB","Host":"127.0.0.1:5984"},
             "body":"undefined","peer":"127.0.0.1","form":{},"cookie":{"m":"3234","AuthSession":"cm9vdDo1MDZB"},
             "userCtx":{"db":"mailbox","name":"Mike","roles":["user"]},
             "secObj":{"admins":{"names":["Bob"],"roles":[]},"members":{"names":["Mike","Alice"],"roles":[]}}}
            """), req), req.ToJsonString());
    }

    [Fact]
    public void Headers_come_in_mochiwebs_order_by_lowercased_name()
    {
        var req = Full(Get("/db/x", headers: [new("X-b", "2"), new("accept", "a"), new("Host", "h")]), null);
        Assert.Equal(["accept", "Host", "X-b"], req["headers"]!.AsObject().Select(p => p.Key));
        Assert.Null(req["id"]);
    }

    [Fact]
    public void Query_values_are_strings_but_key_startkey_endkey_and_descending_are_JSON()
    {
        var req = Full(Get("/db/x?a=1&key=%22k%22&startkey=[1,2]&endkey=3&descending=true&b=x+y&c=%C3%A9"), null);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":"1","key":"k","startkey":[1,2],"endkey":3,"descending":true,"b":"x y","c":"é"}"""), req["query"]));
    }

    [Fact]
    public void A_key_parameter_that_is_no_JSON_is_a_bad_request()
    {
        var e = Assert.Throws<CouchException>(() => Full(Get("/db/x?key=nope"), null));
        Assert.Equal((400, "bad_request", "invalid UTF-8 JSON"), (e.Status, e.Error, e.Reason));
    }

    [Fact]
    public void A_repeated_parameter_is_kept_twice_so_JavaScript_sees_the_last()
    {
        var req = RequestObject.Full(Get("/db/x?a=1&a=2"), Scope, Info, "u", null);
        Assert.Contains("\"query\":{\"a\":\"1\",\"a\":\"2\"}", Encoding.UTF8.GetString(req));
    }

    [Fact]
    public void The_requested_path_includes_the_query_string_as_mochiweb_raw_path_does()
    {
        var req = Full(Get("/db/_design/d/_show/s/a%20b?x=1"), "a b");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["db","_design","d","_show","s","a b?x=1"]"""), req["requested_path"]));
        Assert.Equal("/db/_design/d/_show/s/a%20b?x=1", (string)req["raw_path"]!);
    }

    [Fact]
    public void A_urlencoded_POST_fills_form_and_any_body_is_the_text()
    {
        var facts = new RequestFacts("POST", "/db/_design/d/_update/u", ["db", "_design", "d", "_update", "u"],
            [new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], Encoding.UTF8.GetBytes("title=Hello+World&tag=a%26b&empty"), "10.0.0.2");
        var req = Full(facts, null);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"title":"Hello World","tag":"a&b","empty":""}"""), req["form"]));
        Assert.Equal("title=Hello+World&tag=a%26b&empty", (string)req["body"]!);
        Assert.Equal("POST", (string)req["method"]!);
    }

    [Fact]
    public void A_JSON_body_is_text_and_no_form()
    {
        var facts = new RequestFacts("PUT", "/db/x", ["db", "x"], [new("Content-Type", "application/json")], Encoding.UTF8.GetBytes("{\"a\":1}"), "p");
        var req = Full(facts, null);
        Assert.Equal("{\"a\":1}", (string)req["body"]!);
        Assert.Empty(req["form"]!.AsObject());
    }

    [Fact]
    public void An_empty_body_sent_with_a_length_is_an_empty_string_and_HEAD_shows_as_GET()
    {
        var facts = new RequestFacts("HEAD", "/db/x", ["db", "x"], [], [], "p");
        var req = Full(facts, null);
        Assert.Equal("", (string)req["body"]!);
        Assert.Equal("GET", (string)req["method"]!);
    }

    [Fact]
    public void The_rewrite_object_has_no_info_uuid_id_or_form()
    {
        var req = JsonNode.Parse(RequestObject.ForRewrite(Get("/db/_design/d/_rewrite/a?q=1"), Scope))!;
        Assert.Equal(["method", "requested_path", "path", "raw_path", "query", "headers", "body", "peer", "cookie", "userCtx", "secObj"],
            req.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_requested_path_header_replaces_the_raw_target()
    {
        var req = Full(Get("/db/_design/d/_show/s", headers: [new("X-CouchDB-Requested-Path", "/app/page")]), null);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["app","page"]"""), req["requested_path"]));
    }

    private static JsonNode Full(RequestFacts facts, string? docId) =>
        JsonNode.Parse(RequestObject.Full(facts, Scope, Info, "3184f9d1ea934e1f81a24c71bde5c168", docId))!;

    private static RequestFacts Get(string raw, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        string path = raw.Split('?')[0];
        return new RequestFacts("GET", raw, [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)], headers ?? [], null, "127.0.0.1");
    }
}
