using CouchJs.Compat.Tests.Fixtures;

namespace CouchJs.Compat.Tests.Unit;

public class FixtureParserTests
{
    private static string Wrap(string exchanges) =>
        $$"""{"name":"n","description":"d","source":"s","exchanges":[{{exchanges}}]}""";

    private static IReadOnlyList<string> Problems(string json) =>
        Assert.Throws<FixtureFormatException>(() => FixtureParser.Parse("area/x.json", json)).Problems;

    [Fact]
    public void AMinimalFixtureGetsItsDefaults()
    {
        var f = FixtureParser.Parse("area/x.json", Wrap("""{"request":{"method":"GET","path":"/"},"response":{"status":200}}"""));
        Assert.True(f.CreateDb);
        var e = Assert.Single(f.Exchanges);
        Assert.True(e.Request.AsAdmin);
        Assert.False(e.Request.HasBody);
        Assert.False(e.Response.HasBody);
        Assert.False(e.Response.Partial);
    }

    [Fact]
    public void ABodyOfNullIsStillABody()
    {
        var f = FixtureParser.Parse("area/x.json", Wrap("""{"request":{"method":"PUT","path":"/","body":null},"response":{"status":400,"body":null}}"""));
        Assert.True(f.Exchanges[0].Request.HasBody);
        Assert.True(f.Exchanges[0].Response.HasBody);
    }

    [Fact]
    public void EveryShapeProblemIsReportedAtOnce()
    {
        var problems = Problems("""
            {"name":"n","source":"s","extra":1,"exchanges":[
              {"request":{"method":"FETCH","path":"db","body":{},"bodyText":"x","auth":"root"},
               "response":{"status":99,"headers":{"A":1},"partial":true}}]}
            """);
        Assert.Contains(problems, p => p.Contains("\"description\""));
        Assert.Contains(problems, p => p.Contains("unknown key \"extra\""));
        Assert.Contains(problems, p => p.Contains("method \"FETCH\""));
        Assert.Contains(problems, p => p.Contains("path must start with '/'"));
        Assert.Contains(problems, p => p.Contains("not both"));
        Assert.Contains(problems, p => p.Contains("\"auth\""));
        Assert.Contains(problems, p => p.Contains("\"status\""));
        Assert.Contains(problems, p => p.Contains("header \"A\""));
        Assert.Contains(problems, p => p.Contains("\"partial\" needs"));
    }

    [Fact]
    public void DuplicateKeysAndBrokenJsonAreRejected()
    {
        Assert.Single(Problems("""{"name":"a","name":"b"}"""));
        Assert.Single(Problems("""{"name":"""));
    }

    [Fact]
    public void ARequestMayOnlyUseCapturesBoundEarlier()
    {
        var problems = Problems(Wrap("""
            {"request":{"method":"GET","path":"/{{db}}/d?rev={{rev:r}}"},"response":{"status":200,"body":{"_rev":"{{rev:r}}"}}},
            {"request":{"method":"GET","path":"/{{db}}/d?rev={{rev}}"},"response":{"status":200}},
            {"request":{"method":"GET","path":"/{{db}}/d?rev={{uuid:r}}"},"response":{"status":200}}
            """));
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("exchange 1 path") && p.Contains("not bound"));
        Assert.Contains(problems, p => p.StartsWith("exchange 2 path") && p.Contains("cannot be sent"));
        Assert.Contains(problems, p => p.StartsWith("exchange 3 path") && p.Contains("was bound as {{rev:r}}"));
    }

    [Fact]
    public void PlaceholdersMustSitWhereTheyMeanSomething()
    {
        var problems = Problems(Wrap("""
            {"request":{"method":"GET","path":"/"},"response":{"status":200,
              "headers":{"X-A":"{{array}}"},
              "body":{"a":["x","{{contains}}"],"{{uuid}}":1,"b":"n={{array}}","c":"{{seq:s}}","d":"{{rev:s}}","e":"{{nope}}"}}}
            """));
        Assert.Contains(problems, p => p.Contains("header X-A") && p.Contains("not text"));
        Assert.Contains(problems, p => p.Contains("first element of an array"));
        Assert.Contains(problems, p => p.Contains("member name"));
        Assert.Contains(problems, p => p.Contains("body.b") && p.Contains("not text"));
        Assert.Contains(problems, p => p.Contains("body.d") && p.Contains("was bound as {{seq:s}}"));
        Assert.Contains(problems, p => p.Contains("unknown placeholder"));
    }
}
