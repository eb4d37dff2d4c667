using System.Text.Json.Nodes;
using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Unit;

public class SubstitutionTests
{
    private const string Rev = "1-0123456789abcdef0123456789abcdef";

    private readonly CaptureStore _captures = new("fx-db", "http://127.0.0.1:5984");

    public SubstitutionTests()
    {
        _captures.Bind("r", PlaceholderKind.Rev, JsonValue.Create(Rev));
        _captures.Bind("n", PlaceholderKind.Number, JsonValue.Create(7));
    }

    [Fact]
    public void PathsGetTheDatabaseAndBoundCaptures() =>
        Assert.Equal($"/fx-db/doc?rev={Rev}&since=7",
            Substitution.Apply("/{{db}}/doc?rev={{rev:r}}&since={{number:n}}", _captures));

    [Fact]
    public void AWholeStringCaptureKeepsItsJsonType()
    {
        var body = Substitution.Apply(JsonNode.Parse("""{"_rev":"{{rev:r}}","limit":"{{number:n}}","url":"{{base}}/{{db}}"}"""), _captures)!;
        Assert.Equal($$"""{"_rev":"{{Rev}}","limit":7,"url":"http://127.0.0.1:5984/fx-db"}""", body.ToJsonString());
    }

    [Fact]
    public void MemberNamesAreFilledToo() =>
        Assert.Equal($$"""{"{{Rev}}":["fx-db"]}""",
            Substitution.Apply(JsonNode.Parse("""{"{{rev:r}}":["{{db}}"]}"""), _captures)!.ToJsonString());

    [Theory]
    [InlineData("/{{db}}/{{rev:unbound}}")]
    [InlineData("/{{db}}/{{rev}}")]
    public void OnlyBoundCapturesCanBeSent(string path) =>
        Assert.Throws<InvalidOperationException>(() => Substitution.Apply(path, _captures));
}
