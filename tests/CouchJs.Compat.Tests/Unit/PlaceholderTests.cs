using System.Text.Json.Nodes;
using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Unit;

public class PlaceholderTests
{
    private const string Rev = "3-0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("rev", "\"" + Rev + "\"", true)]
    [InlineData("rev", "\"3-0123\"", false)]
    [InlineData("rev", "\"0-1\"", false)]
    [InlineData("uuid", "\"0123456789abcdef0123456789abcdef\"", true)]
    [InlineData("uuid", "\"0123456789ABCDEF0123456789ABCDEF\"", false)]
    [InlineData("seq", "\"12-g1AAAAB_eJzLYWBg-4\"", true)]
    [InlineData("seq", "\"0\"", true)]
    [InlineData("seq", "12", true)]
    [InlineData("seq", "1.5", false)]
    [InlineData("seq", "\"now\"", false)]
    [InlineData("timestamp", "\"1718000000123456\"", true)]
    [InlineData("timestamp", "1718000000", true)]
    [InlineData("timestamp", "\"2024-06-10T08:00:00Z\"", true)]
    [InlineData("timestamp", "\"Mon, 01 Jan 1990 00:00:00 GMT\"", true)]
    [InlineData("timestamp", "\"yesterday\"", false)]
    [InlineData("any", "null", true)]
    [InlineData("any", "{\"a\":[1]}", true)]
    [InlineData("number", "-1.5e3", true)]
    [InlineData("number", "\"5\"", false)]
    [InlineData("string", "\"\"", true)]
    [InlineData("string", "5", false)]
    [InlineData("array", "[]", true)]
    [InlineData("array", "{}", false)]
    [InlineData("digest", "\"md5-aEI7pOYCRBLTRQvvqYrrJQ==\"", true)]
    [InlineData("digest", "\"sha-aEI7pOYCRBLTRQvvqYrrJQ==\"", false)]
    public void KindsAcceptTheirValues(string kind, string json, bool accepted)
    {
        var placeholder = Template.Parse("{{" + kind + "}}").Single!;
        Assert.Equal(accepted, placeholder.Accepts(JsonNode.Parse(json)));
    }

    [Fact]
    public void ARegexMatchesTheWholeString()
    {
        var p = Template.Parse("{{regex:ab+}}").Single!;
        Assert.True(p.Accepts(JsonValue.Create("abbb")));
        Assert.False(p.Accepts(JsonValue.Create("xabbb")));
    }
}
