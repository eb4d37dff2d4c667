using CouchJs.Config.Tests.Support;

namespace CouchJs.Config.Tests;

/// <summary>Set and Delete: memory, local.ini (edited in place, comments kept) and the Changed event.</summary>
public sealed class PersistenceTests : IDisposable
{
    private const string Defaults = """
        [httpd]
        port = 5986
        bind_address = 127.0.0.1

        [couchdb]
        max_dbs_open = 500

        """;

    private const string Local = """
        ; CouchDB Configuration Settings
        ; Custom settings go here.

        [httpd]
        ; the port
        port = 8080 ; inline comment
        ; trailing comment of httpd

        ; a comment about the next section
        [log]
        level = info

        """;

    private readonly TempDir _dir = new();

    public PersistenceTests()
    {
        _dir.Write("default.ini", Defaults);
        _dir.Write("local.ini", Local);
    }

    public void Dispose() => _dir.Dispose();

    private CouchConfig Load() => CouchConfig.Load([_dir.PathOf("default.ini"), _dir.PathOf("local.ini")], _dir.PathOf("local.ini"));

    private string LocalIni => _dir.Read("local.ini");

    [Fact]
    public void SetReplacesTheLineInPlace()
    {
        var config = Load();

        Assert.Equal("8080", config.Set("httpd", "port", "9090"));

        Assert.Equal("9090", config.Get("httpd", "port"));
        Assert.Equal(Local.Replace("port = 8080 ; inline comment", "port = 9090", StringComparison.Ordinal), LocalIni);
        Assert.Equal("9090", Load().Get("httpd", "port"));
    }

    [Fact]
    public void NewKeyGoesAfterTheSectionsLastEntry()
    {
        var config = Load();

        Assert.Equal("127.0.0.1", config.Set("httpd", "bind_address", "0.0.0.0"));

        Assert.Equal(
            Local.Replace("port = 8080 ; inline comment\n", "port = 8080 ; inline comment\nbind_address = 0.0.0.0\n", StringComparison.Ordinal),
            LocalIni);
        Assert.Equal("0.0.0.0", Load().Get("httpd", "bind_address"));
    }

    [Fact]
    public void NewSectionIsAppended()
    {
        var config = Load();

        config.Set("uuids", "algorithm", "random");

        Assert.Equal(Local + "\n[uuids]\nalgorithm = random\n", LocalIni);
        Assert.Equal("random", Load().Get("uuids", "algorithm"));
    }

    [Fact]
    public void DefaultsAreNeverWritten()
    {
        var config = Load();

        config.Set("couchdb", "max_dbs_open", "10");
        config.Delete("httpd", "bind_address");

        Assert.Equal(Defaults, _dir.Read("default.ini"));
    }

    [Fact]
    public void NonPersistentSetLeavesTheFileAlone()
    {
        var config = Load();

        config.Set("httpd", "port", "1234", persist: false);

        Assert.Equal("1234", config.Get("httpd", "port"));
        Assert.Equal(Local, LocalIni);
        Assert.Equal("8080", Load().Get("httpd", "port"));
    }

    /// <summary>config_tests.erl persistent_set_delete_reload_restart: the default shows again.</summary>
    [Fact]
    public void PersistentDeleteRemovesTheLineAndTheDefaultShowsAgain()
    {
        var config = Load();

        Assert.Equal("8080", config.Delete("httpd", "port"));

        Assert.Equal("5986", config.Get("httpd", "port"));
        Assert.Equal(Local.Replace("port = 8080 ; inline comment\n", "", StringComparison.Ordinal), LocalIni);
        Assert.Equal("5986", Load().Get("httpd", "port"));
    }

    /// <summary>config_tests.erl non_persistent_set_delete_reload_restart: local.ini's value shows again.</summary>
    [Fact]
    public void NonPersistentDeleteShowsTheFileValueAgain()
    {
        var config = Load();

        config.Set("httpd", "port", "1234", persist: false);
        Assert.Equal("1234", config.Delete("httpd", "port", persist: false));

        Assert.Equal("8080", config.Get("httpd", "port"));
    }

    [Fact]
    public void DeletingAKeyOnlyInMemoryRemovesIt()
    {
        var config = Load();

        config.Set("new_section", "bizzle", "bang", persist: false);
        config.Delete("new_section", "bizzle", persist: false);

        Assert.Null(config.Get("new_section", "bizzle"));
        Assert.DoesNotContain("new_section", config.SectionNames);
        Assert.Empty(config.Section("new_section"));
    }

    [Fact]
    public void DeletingAnUnknownKeyIsFine()
    {
        var config = Load();

        Assert.Null(config.Delete("zoo", "boo"));
        Assert.Equal(Local, LocalIni);
    }

    [Fact]
    public void DuplicateLinesAreAllRemovedAndTheLastIsReplaced()
    {
        _dir.Write("local.ini", "[s]\nk = 1\n[t]\nk = x\n[s]\nk = 2\nk =\n");
        var config = Load();

        config.Set("s", "k", "3");
        Assert.Equal("[s]\nk = 1\n[t]\nk = x\n[s]\nk = 2\nk = 3\n", LocalIni);

        config.Delete("s", "k");
        Assert.Equal("[s]\n[t]\nk = x\n[s]\n", LocalIni);
        Assert.Null(config.Get("s", "k"));
    }

    [Fact]
    public void KeysWithRegexCharactersAndValuesWithSemicolonsRoundTrip()
    {
        var config = Load();

        config.Set("sect1", "pat||*", "true");
        config.Set("sect1", "list", "a;b");

        var reloaded = Load();
        Assert.Equal("true", reloaded.Get("sect1", "pat||*"));
        Assert.Equal("a;b", reloaded.Get("sect1", "list"));
    }

    [Fact]
    public void WindowsLineEndingsAreKept()
    {
        _dir.Write("local.ini", "; comment\r\n[s]\r\nk = 1\r\n");
        var config = Load();

        config.Set("s", "k", "2");
        config.Set("s", "j", "3");

        Assert.Equal("; comment\r\n[s]\r\nk = 2\r\nj = 3\r\n", LocalIni);
    }

    [Fact]
    public void WithoutAWritableFileChangesStayInMemory()
    {
        var config = CouchConfig.Load([_dir.PathOf("default.ini")], null);

        config.Set("httpd", "port", "1");
        Assert.Equal("1", config.Get("httpd", "port"));
        config.Delete("httpd", "port");

        Assert.Equal("5986", config.Get("httpd", "port"));
        Assert.Equal(Defaults, _dir.Read("default.ini"));
    }

    [Fact]
    public void ChangedIsRaisedAfterEachWrite()
    {
        var config = Load();
        var seen = new List<(string, string, string?)>();
        config.Changed += (section, key) => seen.Add((section, key, config.Get(section, key)));

        config.Set("httpd", "port", "1", persist: false);
        config.Delete("httpd", "port", persist: false);
        config.Delete("zoo", "boo");

        Assert.Equal([("httpd", "port", "1"), ("httpd", "port", "8080"), ("zoo", "boo", null)], seen);
    }

    [Fact]
    public void SetReturnsThePreviousValue()
    {
        var config = Load();

        Assert.Equal("500", config.Set("couchdb", "max_dbs_open", "10"));
        Assert.Equal("10", config.Set("couchdb", "max_dbs_open", "20"));
        Assert.Null(config.Set("couchdb", "fresh", "x"));
    }

    [Fact]
    public void EmptyValueIsStoredButReadsBackAsUnsetAfterRestart()
    {
        var config = Load();

        config.Set("log", "level", "");

        Assert.Equal("", config.Get("log", "level"));
        Assert.Contains("level = \n", LocalIni, StringComparison.Ordinal);
        Assert.Null(Load().Get("log", "level"));
    }
}
