using System.Text.Json;
using CouchJs.Database;
using CouchJs.DesignFunctions.Rewrites;

namespace CouchJs.DesignFunctions.Tests.Rewrites;

/// <summary>chttpd_rewrite with a rules array: matching, bindings, the target's path and query string.</summary>
public sealed class RewriteRulesTests
{
    private const string Prefix = "/db/_design/d";

    [Theory]
    [InlineData("""{"from":"/a","to":"/some"}""", "a", "", "/db/_design/d/some")]
    [InlineData("""{"from":"/a/*","to":"/some/*"}""", "a/b/c", "", "/db/_design/d/some/b/c")]
    [InlineData("""{"from":"/a/b","to":"/some"}""", "a/b", "k=v", "/db/_design/d/some?k=v")]
    [InlineData("""{"from":"/a/:var","to":"/some/:var"}""", "a/b", "", "/db/_design/d/some/b?var=b")]
    [InlineData("""{"from":"/a/:foo","to":"/some","query":{"k":":foo"}}""", "a/b", "", "/db/_design/d/some?k=b&foo=b")]
    [InlineData("""{"from":"/a","to":"/some/:foo"}""", "a", "foo=b", "/db/_design/d/some/b?foo=b")]
    [InlineData("""{"from":"/a","to":"/some/:nope"}""", "a", "", "/db/_design/d/some/undefined")]
    [InlineData("""{"to":"_show/x"}""", "", "", "/db/_design/d/_show/x")]
    [InlineData("""{"from":"","to":"index.html"}""", "", "", "/db/_design/d/index.html")]
    public void Rules_rewrite_as_CouchDBs_documentation_shows(string rule, string path, string query, string target) =>
        Assert.Equal(target, Rewrite($"[{rule}]", path, query));

    [Fact]
    public void Key_like_parameters_are_JSON_and_a_rule_query_overrides_a_binding()
    {
        Assert.Equal("/db/_design/d/_view/v?key=%22abc%22", Rewrite("""[{"from":"/k/:key","to":"_view/v","query":{"key":":key"}}]""", "k/abc", ""));
        // The request's own key is decoded, then encoded again.
        Assert.Equal("/db/_design/d/_view/v?key=%5B1%2C2%5D", Rewrite("""[{"from":"/k","to":"_view/v"}]""", "k", "key=[1,2]"));
    }

    [Fact]
    public void Formats_turn_variables_into_numbers_and_booleans()
    {
        Assert.Equal("/db/_design/d/_view/v?key=5&n=5",
            Rewrite("""[{"from":"/n/:n","to":"_view/v","query":{"key":":n"},"formats":{"n":"int"}}]""", "n/5", ""));
        Assert.Equal("/db/_design/d/_view/v?descending=true&b=TRUE",
            Rewrite("""[{"from":"/n/:b","to":"_view/v","query":{"descending":":b"},"formats":{"b":"bool"}}]""", "n/TRUE", ""));
    }

    [Fact]
    public void The_first_matching_rule_wins_and_methods_must_match()
    {
        const string rules = """[{"method":"POST","from":"/a","to":"_update/u"},{"from":"/a","to":"_show/s"}]""";
        Assert.Equal("/db/_design/d/_show/s", Rewrite(rules, "a", "", "GET"));
        Assert.Equal("/db/_design/d/_update/u", Rewrite(rules, "a", "", "POST"));
    }

    [Fact]
    public void Two_levels_up_reach_the_database_a_third_is_insecure()
    {
        Assert.Equal("/db/doc1", Rewrite("""[{"from":"/doc/*","to":"../../*"}]""", "doc/doc1", ""));
        var e = Assert.Throws<CouchException>(() => Rewrite("""[{"from":"/x/*","to":"../../../other/*"}]""", "x/y", ""));
        Assert.Equal((500, "insecure_rewrite_rule", "too many ../.. segments"), (e.Status, e.Error, e.Reason));
        Assert.Equal("/other/y", RewriteRules.Rewrite(Rules("""[{"from":"/x/*","to":"../../../other/*"}]"""), "GET", ["x", "y"], "", Prefix, secure: false));
    }

    [Fact]
    public void No_matching_rule_is_not_found_and_a_rule_without_to_is_an_error()
    {
        var e = Assert.Throws<CouchException>(() => Rewrite("""[{"from":"/a","to":"b"}]""", "z", ""));
        Assert.Equal((404, "not_found", "missing"), (e.Status, e.Error, e.Reason));
        var bad = Assert.Throws<CouchException>(() => Rewrite("""[{"from":"/a"}]""", "a", ""));
        Assert.Equal((500, "error", "invalid_rewrite_target"), (bad.Status, bad.Error, bad.Reason));
    }

    [Fact]
    public void A_request_key_that_is_no_JSON_is_a_bad_request()
    {
        var e = Assert.Throws<CouchException>(() => Rewrite("""[{"from":"/a","to":"b"}]""", "a", "startkey=nope"));
        Assert.Equal((400, "invalid UTF-8 JSON"), (e.Status, e.Reason));
    }

    [Fact]
    public void Segments_are_escaped_so_the_router_reads_them_back()
    {
        Assert.Equal("/db/_design/d/_show/s/b%20c%2Fd?x=b+c%2Fd", Rewrite("""[{"from":"/a/:x","to":"_show/s/:x"}]""", ["a", "b c/d"], ""));
    }

    private static string Rewrite(string rules, string path, string query, string method = "GET") =>
        Rewrite(rules, path.Split('/', StringSplitOptions.RemoveEmptyEntries), query, method);

    private static string Rewrite(string rules, string[] segments, string query, string method = "GET") =>
        RewriteRules.Rewrite(Rules(rules), method, segments, query, Prefix, secure: true);

    private static JsonElement Rules(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
