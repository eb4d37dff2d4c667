using System.Text.Json.Nodes;
using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Unit;

public class CaptureTests
{
    private const string RevA = "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string RevB = "2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private readonly CaptureStore _captures = new("fx-db", "http://127.0.0.1:5984");

    private IReadOnlyList<Mismatch> Match(string expected, string actual) =>
        new JsonMatcher(_captures, partial: false).Match(JsonNode.Parse(expected), JsonNode.Parse(actual));

    [Fact]
    public void TheFirstMatchBindsAndLaterOnesMustBeEqual()
    {
        Assert.Empty(Match("""{"rev":"{{rev:r}}"}""", $$"""{"rev":"{{RevA}}"}"""));
        Assert.True(_captures.TryGet("r", out Capture c));
        Assert.Equal(RevA, c.Text);

        Assert.Empty(Match("""["{{rev:r}}"]""", $$"""["{{RevA}}"]"""));
        var m = Assert.Single(Match("""["{{rev:r}}"]""", $$"""["{{RevB}}"]"""));
        Assert.Contains(RevA, m.Message);
    }

    [Fact]
    public void TwoUsesInOneDocumentMustAgree() =>
        Assert.Equal("$.b", Assert.Single(Match("""{"a":"{{uuid:u}}","b":"{{uuid:u}}"}""",
            """{"a":"0123456789abcdef0123456789abcdef","b":"ffffffffffffffffffffffffffffffff"}""")).Path);

    [Fact]
    public void AValueOfTheWrongKindBindsNothing()
    {
        Assert.Single(Match("""["{{rev:r}}"]""", """["nope"]"""));
        Assert.False(_captures.TryGet("r", out _));
    }

    [Fact]
    public void FailedTrialsInsideContainsLeaveNoBinding()
    {
        // The capture first meets "x" (the literal "b" fails there) and must not keep it.
        Assert.Empty(Match("""["{{contains}}", ["{{string:s}}", "b"]]""", """[["x","a"],["y","b"]]"""));
        Assert.True(_captures.TryGet("s", out Capture c));
        Assert.Equal("y", c.Text);
    }

    [Fact]
    public void UnorderedBacktracksOverBindings() =>
        Assert.Empty(Match("""["{{unordered}}", ["{{string:k}}", 1], ["{{string:k}}", 2]]""", """[["q",2],["q",1]]"""));

    [Fact]
    public void ACaptureFromTextEqualsTheSameStringInABody()
    {
        Assert.True(TextMatcher.Match(Template.Parse("\"{{rev:r}}\""), $"\"{RevA}\"", _captures));
        Assert.Empty(Match("""{"_rev":"{{rev:r}}"}""", $$"""{"_rev":"{{RevA}}"}"""));
    }

    [Fact]
    public void ANumberCaptureKeepsItsType()
    {
        Assert.Empty(Match("""{"n":"{{number:n}}"}""", """{"n":42}"""));
        Assert.True(_captures.TryGet("n", out Capture c));
        Assert.Equal(42, c.Value!.GetValue<int>());
    }
}
