using CouchJs.Config.Tests.Support;

namespace CouchJs.Config.Tests;

/// <summary>
/// The parser against CouchDB 3.4's own cases (config.erl parse_*_test), then the edges they
/// imply: line endings, indentation, repeated keys and sections.
/// </summary>
public class IniParsingTests
{
    public static TheoryData<string> NothingToRead =>
    [
        "", "k", "\n", "\r\n", "[s]", "\n[s]\n", "[s ]", "k1\nk2", "=", "==", "===", "= =", " = ",
        ";", ";;", " ;", "k = v", "[s]\n;k = v", "[s\nk=v", "s[\nk=v", "s]\nk=v", ";[s]\nk = v",
        " ; [s]\nk = v", "[s]\n ;k = v", "[s]\n;;k = v", "[s]\n\t;k = v", "[s]\nk ;=v", "[s]\n ; k = v",
        "[]\nk = v", ";[s]\n ",
    ];

    [Theory]
    [MemberData(nameof(NothingToRead))]
    public void SkipsWhatCouchDbSkips(string ini) => Assert.Empty(Settings.Parse(ini));

    /// <summary>CouchDB 3.4 dropped "delete markers": an empty value is simply ignored.</summary>
    [Theory]
    [InlineData("[s]\nk=")]
    [InlineData("[s]\nk =")]
    [InlineData("[s]\nk = ")]
    [InlineData("[s]\nk= ")]
    [InlineData("[s]\nk = ;")]
    [InlineData("[s]\nk  =\t;")]
    [InlineData("[s]\nk=\n")]
    [InlineData("[s]\nk = ; ;")]
    [InlineData("[s]\nk = ;v")]
    public void IgnoresEmptyValues(string ini) => Assert.Empty(Settings.Parse(ini));

    [Theory]
    // parse_basic_test
    [InlineData("[s]\nk=v", "k", "v")]
    [InlineData("[s]\n\nk=v", "k", "v")]
    [InlineData("[s]\n\r\n\nk=v", "k", "v")]
    [InlineData("[s]\n;\nk=v", "k", "v")]
    [InlineData("[s]\nk = v", "k", "v")]
    [InlineData("[s]\nk= v", "k", "v")]
    [InlineData("[s]\nk  =v", "k", "v")]
    [InlineData("[s]\nk=  v", "k", "v")]
    [InlineData("[s]\nk=  v  ", "k", "v")]
    [InlineData("[s]\nk  = v", "k", "v")]
    [InlineData("[s]\nk = v ; c", "k", "v")]
    // parse_extra_equal_sign_test: " = " separates first, so keys may hold '='
    [InlineData("[s]\nk==v", "k", "=v")]
    [InlineData("[s]\nk=v=", "k", "v=")]
    [InlineData("[s]\nk ==v", "k", "=v")]
    [InlineData("[s]\nk===v", "k", "==v")]
    [InlineData("[s]\nk=v=v", "k", "v=v")]
    [InlineData("[s]\nk = =v", "k", "=v")]
    [InlineData("[s]\nk= =v", "k", "=v")]
    [InlineData("[s]\nk= = v", "k=", "v")]
    [InlineData("[s]\n=k= = v", "=k=", "v")]
    [InlineData("[s]\n==k== = v", "==k==", "v")]
    // parse_comments_test: ';' starts a comment only after a space or a tab
    [InlineData("[s]\nk=;", "k", ";")]
    [InlineData("[s]\nk =;", "k", ";")]
    [InlineData("[s]\nk = v;", "k", "v;")]
    [InlineData("[s]\nk =;v;", "k", ";v;")]
    [InlineData("[s]\nk =;v", "k", ";v")]
    [InlineData("[s]\nk =v;", "k", "v;")]
    [InlineData("[s]\nk =v;;", "k", "v;;")]
    [InlineData("[s]\nk = v1;v2", "k", "v1;v2")]
    [InlineData("[s]\nk = v1;v2;v3", "k", "v1;v2;v3")]
    [InlineData("[s]\nk = v1;v2 ;", "k", "v1;v2")]
    [InlineData("[s]\nk = v1;v2\t;", "k", "v1;v2")]
    [InlineData("[s]\nk = v1;v2 ;;", "k", "v1;v2")]
    [InlineData("[s]\nk = v1;v2 ;c1; c2", "k", "v1;v2")]
    public void ReadsOneEntry(string ini, string key, string value) =>
        Assert.Equal([("s", key, value)], Settings.Parse(ini));

    [Theory]
    [InlineData("[s]\nk1=v1\nk2=v2")]
    [InlineData("[s]\nk1 = v1\nk2 = v2\n")]
    [InlineData("[s]\nk1=v1\ngarbage\n= more garbage\nk2=v2")]
    [InlineData("[s]\rk1=v1\rk2=v2")]
    [InlineData("[s]\r\nk1=v1\r\nk2=v2\r\n")]
    [InlineData("[s]\x1Ak1=v1\x1Ak2=v2")]
    public void ReadsSeveralEntries(string ini) =>
        Assert.Equal([("s", "k1", "v1"), ("s", "k2", "v2")], Settings.Parse(ini));

    [Fact]
    public void ReadsSeveralSections() =>
        Assert.Equal([("s1", "k", "v"), ("s2", "k", "v")], Settings.Parse("[s1]\nk=v\n;\n\n[s2]\nk=v"));

    /// <summary>CouchDB 3.3 removed multi-line values: an indented line is an ordinary line.</summary>
    [Fact]
    public void IndentedLinesAreNotContinuations() =>
        Assert.Equal(
            [("s", "k", "first"), ("s", "k2", "w")],
            Settings.Parse("[s]\nk = first\n  second part\n  k2 = w\n"));

    [Fact]
    public void KeysAreCaseSensitive() =>
        Assert.Equal([("s", "Key", "a"), ("s", "key", "b")], Settings.Parse("[s]\nKey = a\nkey = b"));

    [Fact]
    public void SectionNamesAreKeptAsWritten() =>
        Assert.Equal([("S ", "k", "v"), ("cors:http://a.example", "k", "v")], Settings.Parse("[S ]\nk = v\n[cors:http://a.example]\nk = v"));

    [Fact]
    public void LaterEntryWinsAndKeepsFirstPosition() =>
        Assert.Equal([("s", "a", "3"), ("s", "b", "2")], Settings.Parse("[s]\na = 1\nb = 2\na = 3"));

    [Fact]
    public void RepeatedSectionMerges()
    {
        var config = CouchConfig.FromText("[a]\nx = 1\n[b]\ny = 2\n[a]\nz = 3\n");
        Assert.Equal(["a", "b"], config.SectionNames);
        Assert.Equal(["x", "z"], config.Section("a").Keys);
    }

    [Fact]
    public void IgnoredLinesAreWarnedAbout()
    {
        var config = CouchConfig.FromText("stray = 1\n[s]\nk = v\ngarbage\n[broken\n");
        Assert.Equal("v", config.Get("s", "k"));
        Assert.Contains(config.Warnings, w => w.StartsWith("text:1:", StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.StartsWith("text:4:", StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.StartsWith("text:5:", StringComparison.Ordinal));
        Assert.Equal(3, config.Warnings.Count);
    }
}
