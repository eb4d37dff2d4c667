using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Unit;

public class HeaderMatcherTests
{
    private const string Rev = "1-0123456789abcdef0123456789abcdef";

    private readonly CaptureStore _captures = new("fx-db", "http://127.0.0.1:5984");

    private readonly Dictionary<string, string> _actual = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Type"] = "application/json",
        ["ETag"] = $"\"{Rev}\"",
        ["Location"] = "http://127.0.0.1:5984/fx-db/doc1",
        ["X-Couch-Request-ID"] = "3c2e1a",
    };

    private IReadOnlyList<Mismatch> Match(params (string Name, string? Value)[] expected) =>
        HeaderMatcher.Match(expected.ToDictionary(e => e.Name, e => e.Value), _actual, _captures);

    [Fact]
    public void NamesAreCaseInsensitiveAndUnlistedHeadersIgnored() =>
        Assert.Empty(Match(("content-type", "application/json")));

    [Fact]
    public void ValuesAreTemplatesThatCanCapture()
    {
        Assert.Empty(Match(("Etag", "\"{{rev:r}}\""), ("Location", "{{base}}/{{db}}/doc1")));
        Assert.True(_captures.TryGet("r", out Capture c));
        Assert.Equal(Rev, c.Text);
    }

    [Fact]
    public void ARegexValueMatchesTheWholeValue()
    {
        Assert.Empty(Match(("X-Couch-Request-ID", "{{regex:[0-9a-f]+}}")));
        Assert.Single(Match(("X-Couch-Request-ID", "{{regex:[0-9]+}}")));
    }

    [Fact]
    public void NullMeansAbsent()
    {
        Assert.Empty(Match(("Content-Range", null)));
        Assert.Equal("header Location", Assert.Single(Match(("Location", null))).Path);
    }

    [Fact]
    public void MissingAndDifferentValuesAreReported()
    {
        Assert.Contains("missing", Assert.Single(Match(("Accept-Ranges", "bytes"))).Message);
        Assert.Contains("text/plain", Assert.Single(Match(("Content-Type", "text/plain"))).Message);
    }
}
