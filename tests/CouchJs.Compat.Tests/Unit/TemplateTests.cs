using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Unit;

public class TemplateTests
{
    [Fact]
    public void PlainTextHasNoPlaceholders()
    {
        var t = Template.Parse("hello {world}");
        Assert.Null(t.Single);
        Assert.Empty(t.Placeholders);
        Assert.Equal("hello {world}", Assert.Single(t.Segments).Literal);
    }

    [Fact]
    public void AWholeStringPlaceholderIsSingle()
    {
        Assert.Equal(new Placeholder(PlaceholderKind.Rev), Template.Parse("{{rev}}").Single);
        Assert.Equal(new Placeholder(PlaceholderKind.Seq, "since"), Template.Parse("{{seq:since}}").Single);
    }

    [Fact]
    public void PlaceholdersInsideTextSplitIntoSegments()
    {
        var t = Template.Parse("\"{{rev:r1}}\" at {{base}}/{{db}}");
        Assert.Null(t.Single);
        Assert.Equal(
            [PlaceholderKind.Rev, PlaceholderKind.Base, PlaceholderKind.Db],
            t.Placeholders.Select(p => p.Kind).ToArray());
        Assert.Equal("\"", t.Segments[0].Literal);
    }

    [Fact]
    public void ARegexMayHoldBracesWhenItIsTheWholeString()
    {
        var p = Template.Parse("{{regex:^[0-9a-f]{32}$}}").Single!;
        Assert.Equal(PlaceholderKind.Regex, p.Kind);
        Assert.Equal("^[0-9a-f]{32}$", p.Pattern);
    }

    [Theory]
    [InlineData("{{revision}}")]
    [InlineData("{{Rev}}")]
    [InlineData("{{db:name}}")]
    [InlineData("{{contains:x}}")]
    [InlineData("x{{regex:abc}}")]
    [InlineData("x{{regex:a{2}}}")]
    [InlineData("{{rev")]
    [InlineData("{{regex:(}}")]
    public void MistakesAreFormatErrors(string text) =>
        Assert.Throws<FormatException>(() => Template.Parse(text));
}
