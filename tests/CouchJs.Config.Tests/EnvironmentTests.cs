using CouchJs.Config.Tests.Support;

namespace CouchJs.Config.Tests;

/// <summary>COUCHJS_&lt;SECTION&gt;__&lt;KEY&gt; variables: the top layer.</summary>
public sealed class EnvironmentTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private CouchConfig Load(Dictionary<string, string> environment)
    {
        string defaults = _dir.Write("default.ini", "[couchdb]\nmax_document_size = 8000000\n[chttpd_auth]\ntimeout = 600\n");
        string local = _dir.Write("local.ini", "[couchdb]\nmax_document_size = 9000000\n");
        return CouchConfig.Load([defaults, local], local, environment);
    }

    [Fact]
    public void OverridesEveryFile()
    {
        var config = Load(new() { ["COUCHJS_COUCHDB__MAX_DOCUMENT_SIZE"] = "16000000" });

        Assert.Equal(16_000_000, config.GetLong("couchdb", "max_document_size", 0));
    }

    [Fact]
    public void FirstDoubleUnderscoreSeparatesSectionFromKey()
    {
        var config = Load(new() { ["COUCHJS_CHTTPD_AUTH__TIMEOUT"] = "3600", ["COUCHJS_QUERY_SERVER_CONFIG__OS_PROCESS_LIMIT"] = "4" });

        Assert.Equal("3600", config.Get("chttpd_auth", "timeout"));
        Assert.Equal("4", config.Get("query_server_config", "os_process_limit"));
    }

    [Fact]
    public void NewSectionsComeAfterTheFiles()
    {
        var config = Load(new() { ["COUCHJS_UUIDS__ALGORITHM"] = "random", ["COUCHJS_LOG__LEVEL"] = "debug" });

        Assert.Equal(["couchdb", "chttpd_auth", "log", "uuids"], config.SectionNames);
    }

    [Fact]
    public void IgnoresOtherVariablesEmptyValuesAndWarnsAboutMalformedNames()
    {
        var config = Load(new()
        {
            ["PATH"] = "/usr/bin",
            ["COUCHJS_COUCHDB__MAX_DOCUMENT_SIZE"] = "",
            ["COUCHJS_NOSEPARATOR"] = "x",
            ["COUCHJS___KEY"] = "x",
            ["COUCHJS_SECTION__"] = "x",
        });

        Assert.Equal("9000000", config.Get("couchdb", "max_document_size"));
        Assert.Equal(["couchdb", "chttpd_auth"], config.SectionNames);
        Assert.Equal(3, config.Warnings.Count);
        Assert.Contains(config.Warnings, w => w.Contains("COUCHJS_NOSEPARATOR", StringComparison.Ordinal));
    }

    [Fact]
    public void RuntimeSetWinsUntilDeletedThenTheVariableShowsAgain()
    {
        var config = Load(new() { ["COUCHJS_COUCHDB__MAX_DOCUMENT_SIZE"] = "16000000" });

        Assert.Equal("16000000", config.Set("couchdb", "max_document_size", "1"));
        Assert.Equal("1", config.Get("couchdb", "max_document_size"));
        Assert.Equal("1", config.Delete("couchdb", "max_document_size"));
        Assert.Equal("16000000", config.Get("couchdb", "max_document_size"));
    }

    [Fact]
    public void NoEnvironmentMeansNoOverrides()
    {
        string defaults = _dir.Write("default.ini", "[s]\nk = v\n");
        Assert.Equal("v", CouchConfig.Load([defaults], null).Get("s", "k"));
    }

    [Fact]
    public void ProcessEnvironmentIsReadable()
    {
        var environment = CouchConfig.ProcessEnvironment();
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), environment.GetValueOrDefault("PATH"));
    }
}
