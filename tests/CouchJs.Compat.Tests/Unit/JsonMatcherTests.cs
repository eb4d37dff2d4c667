using System.Text.Json.Nodes;
using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Unit;

public class JsonMatcherTests
{
    private const string Rev1 = "1-967a00dff5e02add41819138abb3284d";

    private static IReadOnlyList<Mismatch> Match(string expected, string actual, bool partial = false) =>
        new JsonMatcher(new CaptureStore("fx-db", "http://127.0.0.1:5984"), partial)
            .Match(JsonNode.Parse(expected), JsonNode.Parse(actual));

    [Fact]
    public void EqualDocumentsMatchWhateverTheMemberOrder() =>
        Assert.Empty(Match("""{"a":1,"b":[true,null,"x"]}""", """{"b":[true,null,"x"],"a":1}"""));

    [Fact]
    public void NumbersCompareByValue() => Assert.Empty(Match("""[1, 2.50, 1e2]""", """[1.0, 2.5, 100]"""));

    [Fact]
    public void AnExtraMemberIsAMismatchUnlessPartial()
    {
        var m = Assert.Single(Match("""{"ok":true}""", """{"ok":true,"id":"x"}"""));
        Assert.Equal("$.id", m.Path);
        Assert.Contains("unexpected member", m.Message);
        Assert.Empty(Match("""{"ok":true}""", """{"ok":true,"id":"x"}""", partial: true));
    }

    [Fact]
    public void PartialAppliesAtEveryDepth() =>
        Assert.Empty(Match("""{"info":{"db_name":"a"}}""", """{"info":{"db_name":"a","doc_count":0},"key":"a"}""", partial: true));

    [Fact]
    public void AMissingMemberIsReportedWithItsPath()
    {
        var m = Assert.Single(Match("""{"rows":[{"id":"a","value":{"rev":"x"}}]}""", """{"rows":[{"id":"a","value":{}}]}"""));
        Assert.Equal("$.rows[0].value.rev", m.Path);
        Assert.Contains("missing member", m.Message);
    }

    [Fact]
    public void OddMemberNamesAreQuotedInPaths() =>
        Assert.Equal("$[\"foo.txt\"]", Assert.Single(Match("""{"foo.txt":1}""", """{"foo.txt":2}""")).Path);

    [Fact]
    public void ArraysAreOrderedAndSameLength()
    {
        Assert.Equal("$[0]", Match("""["a","b"]""", """["b","a"]""")[0].Path);
        Assert.Contains("expected 2 elements, got 3", Match("""[1,2]""", """[1,2,3]""")[0].Message);
    }

    [Fact]
    public void ValuesOfAnotherTypeAreMismatches()
    {
        Assert.Single(Match("""{"a":"1"}""", """{"a":1}"""));
        Assert.Single(Match("""{"a":{}}""", """{"a":[]}"""));
        Assert.Single(Match("""{"a":null}""", """{"a":false}"""));
    }

    [Fact]
    public void PlaceholdersMatchByKind()
    {
        Assert.Empty(Match("""{"rev":"{{rev}}","seq":"{{seq}}","n":"{{number}}","x":"{{any}}"}""",
            $$"""{"rev":"{{Rev1}}","seq":"5-g1AAAA","n":3,"x":null}"""));
        Assert.Equal("$.rev", Assert.Single(Match("""{"rev":"{{rev}}"}""", """{"rev":"1-abc"}""")).Path);
    }

    [Fact]
    public void PlaceholdersInsideStringsMatchText()
    {
        Assert.Empty(Match("""["{{base}}/{{db}}/doc", "md5-{{string}}"]""", """["http://127.0.0.1:5984/fx-db/doc", "md5-abc="]"""));
        Assert.Single(Match("""["{{base}}/{{db}}/doc"]""", """["http://127.0.0.1:5984/other/doc"]"""));
    }

    [Fact]
    public void ContainsFindsTheElementsInOrderAmongOthers()
    {
        Assert.Empty(Match("""["{{contains}}", "b", "d"]""", """["a","b","c","d"]"""));
        Assert.Single(Match("""["{{contains}}", "d", "b"]""", """["a","b","c","d"]"""));
        Assert.Empty(Match("""["{{contains}}"]""", """[]"""));
    }

    [Fact]
    public void UnorderedNeedsTheSameElementsInAnyOrder()
    {
        Assert.Empty(Match("""["{{unordered}}", {"ok":"b"}, {"ok":"a"}]""", """[{"ok":"a"},{"ok":"b"}]"""));
        Assert.Single(Match("""["{{unordered}}", "a", "a"]""", """["a","b"]"""));
        Assert.Single(Match("""["{{unordered}}", "a"]""", """["a","b"]"""));
    }
}
