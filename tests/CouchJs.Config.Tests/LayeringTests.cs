using CouchJs.Config.Tests.Support;

namespace CouchJs.Config.Tests;

/// <summary>How ini files stack: later files override earlier ones key by key (config_tests.erl's override cases).</summary>
public sealed class LayeringTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LaterFilesOverrideKeyByKey()
    {
        string defaults = _dir.Write("default.ini", "[couchdb]\nmax_dbs_open = 500\nfile_compression = snappy\n[httpd]\nport = 5986\n");
        string local = _dir.Write("local.ini", "[httpd]\nport = 4895\n[fizbang]\nunicode = normalized\n[couchdb]\nmax_dbs_open = 10\n");

        var config = CouchConfig.Load([defaults, local], local);

        Assert.Equal("10", config.Get("couchdb", "max_dbs_open"));
        Assert.Equal("snappy", config.Get("couchdb", "file_compression"));
        Assert.Equal("4895", config.Get("httpd", "port"));
        Assert.Equal("normalized", config.Get("fizbang", "unicode"));
        // Sections and keys keep the position of their first appearance.
        Assert.Equal(["couchdb", "httpd", "fizbang"], config.SectionNames);
        Assert.Equal(["max_dbs_open", "file_compression"], config.Section("couchdb").Keys);
    }

    [Fact]
    public void LastFileInChainWins()
    {
        string a = _dir.Write("a.ini", "[httpd]\nport = 1\n");
        string b = _dir.Write("b.ini", "[httpd]\nport = 2\n");
        string c = _dir.Write("c.ini", "[httpd]\nport = 3\n");

        Assert.Equal("3", CouchConfig.Load([a, b, c], null).Get("httpd", "port"));
        Assert.Equal("2", CouchConfig.Load([c, a, b], null).Get("httpd", "port"));
    }

    [Fact]
    public void EmptyValueInLaterFileDoesNotDelete()
    {
        string defaults = _dir.Write("default.ini", "[compactions]\n_default = [{db_fragmentation, \"70%\"}]\n");
        string local = _dir.Write("local.ini", "[compactions]\n_default =\n");

        Assert.Equal("[{db_fragmentation, \"70%\"}]", CouchConfig.Load([defaults, local], local).Get("compactions", "_default"));
    }

    [Fact]
    public void MissingFileIsAnError()
    {
        string local = _dir.PathOf("local.ini");
        Assert.Throws<FileNotFoundException>(() => CouchConfig.Load([_dir.PathOf("default.ini"), local], local));
    }

    [Fact]
    public void MissingWritableFileStartsEmpty()
    {
        string defaults = _dir.Write("default.ini", "[s]\nk = v\n");
        string local = _dir.PathOf("etc/local.ini");

        var config = CouchConfig.Load([defaults, local], local);
        Assert.Equal("v", config.Get("s", "k"));
        Assert.False(File.Exists(local));

        config.Set("s", "k", "w");
        Assert.Equal("[s]\nk = w\n", File.ReadAllText(local));
    }

    [Fact]
    public void WritableFileNotInChainIsReadLast()
    {
        string defaults = _dir.Write("default.ini", "[s]\nk = default\n");
        string local = _dir.Write("local.ini", "[s]\nk = local\n");

        Assert.Equal("local", CouchConfig.Load([defaults], local).Get("s", "k"));
    }

    [Fact]
    public void StandardChainIsCouchDbsOrder()
    {
        _dir.Write("default.ini", "");
        _dir.Write("default.d/20-b.ini", "");
        _dir.Write("default.d/10-a.ini", "");
        _dir.Write("default.d/notes.txt", "");
        _dir.Write("local.d/00-admins.ini", "");

        var chain = CouchConfig.StandardChain(_dir.Root).Select(p => Path.GetRelativePath(_dir.Root, p)).ToList();

        Assert.Equal(
            ["default.ini", Path.Combine("default.d", "10-a.ini"), Path.Combine("default.d", "20-b.ini"), "local.ini", Path.Combine("local.d", "00-admins.ini")],
            chain);
    }

    [Fact]
    public void WarningsNameTheFileAndLine()
    {
        string defaults = _dir.Write("default.ini", "[s]\nk = v\nnot a setting\n");

        var config = CouchConfig.Load([defaults], null);

        Assert.Equal([$"{defaults}:3: not a [section] nor a 'key = value' line; ignored"], config.Warnings);
    }
}
