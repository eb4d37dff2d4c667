namespace CouchJs.Config.Tests;

/// <summary>Setting readers: CouchDB's parsing rules, defaults, warnings, the 3.x section renames.</summary>
public class TypedReadTests
{
    private static readonly CouchConfig Config = CouchConfig.FromText("""
        [couchdb]
        max_dbs_open = 500
        signed = +5
        padded = -01
        zero = -0
        big = 4294967296
        bad = 12abc
        [chttpd]
        require_valid_user = true
        enable_cors = TRUE
        [chttpd_auth]
        timeout = 600
        [couch_httpd_auth]
        timeout = 60
        secret = legacy-secret
        [httpd]
        port = 5986
        bind_address = 0.0.0.0
        """);

    [Theory]
    [InlineData("max_dbs_open", 500)]
    [InlineData("signed", 5)]
    [InlineData("padded", -1)]
    [InlineData("zero", 0)]
    [InlineData("missing", 42)]
    public void IntegersReadLikeErlangsListToInteger(string key, int expected) =>
        Assert.Equal(expected, Config.GetInt("couchdb", key, 42));

    [Fact]
    public void LongsHoldWhatIntsCannot()
    {
        Assert.Equal(4_294_967_296L, Config.GetLong("couchdb", "big", 0));
        Assert.Equal(7, Config.GetInt("couchdb", "big", 7));
    }

    [Fact]
    public void BadValueGivesTheDefaultAndOneWarning()
    {
        var config = CouchConfig.FromText("[couchdb]\nbad = 12abc\n[chttpd]\nflag = yes\n");

        Assert.Equal(3, config.GetInt("couchdb", "bad", 3));
        Assert.Equal(3, config.GetInt("couchdb", "bad", 3));
        Assert.True(config.GetBool("chttpd", "flag", true));

        Assert.Equal(
            ["[couchdb] bad = '12abc' is not an integer; using 3", "[chttpd] flag = 'yes' is not true or false; using true"],
            config.Warnings);
    }

    [Fact]
    public void BooleansAreExactlyTrueOrFalse()
    {
        Assert.True(Config.GetBool("chttpd", "require_valid_user", false));
        Assert.False(Config.GetBool("chttpd", "enable_cors", false));
        Assert.True(Config.GetBool("chttpd", "missing", true));
    }

    [Fact]
    public void StringsFallBackToTheDefault()
    {
        Assert.Equal("500", Config.Get("couchdb", "max_dbs_open", "1"));
        Assert.Equal("fallback", Config.Get("couchdb", "missing", "fallback"));
        Assert.Null(Config.Get("nowhere", "missing"));
    }

    [Fact]
    public void RenamedSectionsFallBackToTheirOldNames()
    {
        Assert.Equal(600, Config.GetInt("chttpd_auth", "timeout", 1));
        Assert.Equal("legacy-secret", Config.Get("chttpd_auth", "secret", ""));
        Assert.Equal(5986, Config.GetInt("chttpd", "port", 5984));
        Assert.Equal("0.0.0.0", Config.Get("chttpd", "bind_address", "127.0.0.1"));
    }

    [Fact]
    public void RawReadsShowOnlyWhatIsSet()
    {
        Assert.Null(Config.Get("chttpd_auth", "secret"));
        Assert.DoesNotContain("port", Config.Section("chttpd").Keys);
    }

    [Fact]
    public void SectionsAndAllKeepTheirOrder()
    {
        Assert.Equal(["couchdb", "chttpd", "chttpd_auth", "couch_httpd_auth", "httpd"], Config.SectionNames);
        Assert.Equal(["timeout", "secret"], Config.Section("couch_httpd_auth").Keys);
        Assert.Empty(Config.Section("missing"));

        var all = Config.All();
        Assert.Equal(Config.SectionNames, all.Keys);
        Assert.Equal("60", all["couch_httpd_auth"]["timeout"]);
    }
}
