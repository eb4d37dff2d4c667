using CouchJs.Database.Revisions;

namespace CouchJs.Database.Tests.Revisions;

public sealed class RevTests
{
    private const string Hex = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("3-abc", 3, "abc")]
    [InlineData("1-" + Hex, 1, Hex)]
    [InlineData("007-x", 7, "x")]
    [InlineData("0-x", 0, "x")]
    [InlineData("2-a-b", 2, "a-b")]
    [InlineData("1-0123456789ABCDEF0123456789ABCDEF", 1, Hex)]
    public void Parses(string text, long pos, string hash)
    {
        Assert.True(Rev.TryParse(text, out var rev));
        Assert.Equal(new Rev(pos, hash), rev);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-abc")]
    [InlineData("3-")]
    [InlineData("abc")]
    [InlineData("+3-abc")]
    [InlineData(" 3-abc")]
    [InlineData("3a-abc")]
    [InlineData("99999999999999999999-abc")]
    [InlineData("1-0123456789abcdef0123456789abcdeg")]
    public void RejectsInvalidFormat(string text) => Assert.False(Rev.TryParse(text, out _));

    [Fact]
    public void FormatsAsPosDashHash() => Assert.Equal("12-" + Hex, new Rev(12, Hex).ToString());

    [Fact]
    public void ParsesRevisionsIdsLikeCouchDb()
    {
        Assert.True(Rev.TryParseHash("ABCDEF0123456789ABCDEF0123456789", out string hash));
        Assert.Equal("abcdef0123456789abcdef0123456789", hash);
        Assert.True(Rev.TryParseHash("custom", out hash));
        Assert.Equal("custom", hash);
        Assert.False(Rev.TryParseHash("", out _));
        Assert.False(Rev.TryParseHash("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", out _));
    }

    [Fact]
    public void OrdersByPosThenHash()
    {
        Assert.True(new Rev(2, "a").CompareTo(new Rev(10, "0")) < 0);
        Assert.True(new Rev(3, "b").CompareTo(new Rev(3, "a")) > 0);
        Assert.Equal(0, new Rev(3, Hex).CompareTo(new Rev(3, Hex)));
        Assert.True(new Rev(1, "f" + Hex[1..]).CompareTo(new Rev(1, Hex)) > 0);
    }

    [Fact]
    public void ComparesHexHashesByTheirBytesAgainstOtherHashes()
    {
        // CouchDB holds "7000..." as bytes 0x70 0x00..., which sort after "a" (0x61), though '7' < 'a'.
        var hex = new Rev(1, "7" + new string('0', 31));
        var custom = new Rev(1, "a");
        Assert.True(custom.CompareTo(hex) < 0);
        Assert.True(hex.CompareTo(custom) > 0);
        Assert.True(new Rev(1, "7").CompareTo(hex) < 0);
        Assert.True(new Rev(1, "p" + new string('0', 16)).CompareTo(hex) > 0);
    }

    [Fact]
    public void ComparesOtherHashesByTheirUtf8Bytes()
    {
        // U+1F600 is a surrogate pair in UTF-16 (below U+FFFF there) but F0 9F 98 80 in UTF-8 (above EF BF BF).
        Assert.True(new Rev(1, "\uFFFF").CompareTo(new Rev(1, "\U0001F600")) < 0);
        Assert.True(new Rev(1, "ab").CompareTo(new Rev(1, "abc")) < 0);
        Assert.True(new Rev(1, "b").CompareTo(new Rev(1, "abc")) > 0);
    }
}
