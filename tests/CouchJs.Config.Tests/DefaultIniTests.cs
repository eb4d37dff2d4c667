namespace CouchJs.Config.Tests;

/// <summary>The shipped src/CouchJs.Server/default.ini: clean, commented, CouchDB 3.4's values.</summary>
public class DefaultIniTests
{
    private static readonly string DefaultIni = Path.Combine(RepositoryRoot(), "src", "CouchJs.Server", "default.ini");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CouchJs.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CouchJs.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void ParsesWithoutWarnings() => Assert.Empty(CouchConfig.Load([DefaultIni], null).Warnings);

    [Theory]
    [InlineData("couchdb", "max_document_size", "8000000")]
    [InlineData("couchdb", "file_compression", "snappy")]
    [InlineData("couchdb", "default_security", "admin_only")]
    [InlineData("couchdb", "max_dbs_open", "500")]
    [InlineData("couchdb", "os_process_timeout", "5000")]
    [InlineData("couchdb", "users_db_suffix", "_users")]
    [InlineData("chttpd", "port", "5984")]
    [InlineData("chttpd", "bind_address", "127.0.0.1")]
    [InlineData("chttpd", "require_valid_user", "false")]
    [InlineData("chttpd", "admin_only_all_dbs", "true")]
    [InlineData("chttpd", "max_http_request_size", "4294967296")]
    [InlineData("chttpd_auth", "timeout", "600")]
    [InlineData("chttpd_auth", "iterations", "600000")]
    [InlineData("chttpd_auth", "pbkdf2_prf", "sha256")]
    [InlineData("couch_passwords_cache", "max_objects", "10000")]
    [InlineData("uuids", "algorithm", "sequential")]
    [InlineData("uuids", "max_count", "1000")]
    [InlineData("attachments", "compression_level", "8")]
    [InlineData("attachments", "compressible_types", "text/*, application/javascript, application/json, application/xml")]
    [InlineData("query_servers", "javascript", "jint")]
    [InlineData("query_server_config", "reduce_limit", "true")]
    [InlineData("query_server_config", "os_process_limit", "100")]
    [InlineData("cors", "credentials", "false")]
    [InlineData("log", "level", "info")]
    public void HoldsCouchDbsDefaults(string section, string key, string value) =>
        Assert.Equal(value, CouchConfig.Load([DefaultIni], null).Get(section, key));

    [Fact]
    public void HasNoAdmins() => Assert.Empty(CouchConfig.Load([DefaultIni], null).Section("admins"));

    [Fact]
    public void EverySettingHasACommentAbove()
    {
        string[] lines = File.ReadAllLines(DefaultIni);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimStart(';');
            if (line.Length == 0 || line.StartsWith(' ') || line.StartsWith('[') || !line.Contains('=', StringComparison.Ordinal)) continue;
            Assert.True(i > 0 && lines[i - 1].StartsWith("; ", StringComparison.Ordinal), $"line {i + 1} '{lines[i]}' has no comment above");
        }
    }
}
