using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.DesignFunctions.Responses;

namespace CouchJs.DesignFunctions.Tests.Responses;

/// <summary>chttpd_external:parse_external_response of a show, update or list response object.</summary>
public sealed class FunctionResponseTests
{
    [Fact]
    public void An_empty_object_is_an_empty_JSON_200()
    {
        var r = Parse("{}");
        Assert.Equal((200, "application/json", 0, false), (r.Code, r.ContentType, r.Body.Length, r.IsJson));
    }

    [Fact]
    public void Body_is_html_json_is_JSON_with_a_newline_base64_is_binary()
    {
        var body = Parse("""{"body":"<p>x</p>"}""");
        Assert.Equal(("text/html; charset=utf-8", "<p>x</p>"), (body.ContentType, Text(body)));
        var json = Parse("""{"json":{"a":[1,2]}}""");
        Assert.Equal(("application/json", "{\"a\":[1,2]}\n", true), (json.ContentType, Text(json), json.IsJson));
        var bin = Parse("""{"base64":"aGVsbG8="}""");
        Assert.Equal(("application/binary", "hello"), (bin.ContentType, Text(bin)));
    }

    [Fact]
    public void A_later_member_wins_and_the_functions_content_type_overrides()
    {
        var r = Parse("""{"json":{"a":1},"body":"text","code":418,"headers":{"content-type":"text/plain","X-A":"1","X-N":2}}""");
        Assert.Equal((418, "text/plain", "text", false), (r.Code, r.ContentType, Text(r), r.IsJson));
        Assert.Equal([new("content-type", "text/plain"), new("X-A", "1"), new("X-N", "2")], r.Headers);
    }

    [Fact]
    public void An_initial_code_stands_before_the_functions_own()
    {
        Assert.Equal(201, FunctionResponse.Parse(Element("{}"), initialCode: 201).Code);
        Assert.Equal(200, FunctionResponse.Parse(Element("""{"code":200}"""), initialCode: 201).Code);
    }

    [Fact]
    public void Server_headers_replace_the_functions_of_the_same_name()
    {
        var r = Parse("""{"headers":{"ETag":"mine","Other":"x"}}""");
        r.SetHeader("ETag", "\"ours\"");
        Assert.Equal([new("Other", "x"), new("ETag", "\"ours\"")], r.Headers);
    }

    [Fact]
    public void An_unknown_member_is_an_external_response_error()
    {
        var e = Assert.Throws<CouchException>(() => Parse("""{"bogus":"x"}"""));
        Assert.Equal((500, "external_response_error", "Invalid data from external server: {<<\"bogus\">>,<<\"x\">>}"), (e.Status, e.Error, e.Reason));
        Assert.Throws<CouchException>(() => Parse("""{"stop":false}"""));
        Assert.True(Parse("""{"stop":true}""").Stop);
    }

    private static FunctionResponse Parse(string json) => FunctionResponse.Parse(Element(json));

    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Text(FunctionResponse r) => Encoding.UTF8.GetString(r.Body);
}
