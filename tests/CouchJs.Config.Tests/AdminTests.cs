using CouchJs.Config.Tests.Support;

namespace CouchJs.Config.Tests;

/// <summary>[admins]: plain-text passwords hashed at start and saved, the container's COUCHDB_USER admin.</summary>
public sealed class AdminTests : IDisposable
{
    private const string Defaults = "[chttpd_auth]\niterations = 10\npbkdf2_prf = sha256\n\n[admins]\n";

    private readonly TempDir _dir = new();

    public AdminTests() => _dir.Write("default.ini", Defaults);

    public void Dispose() => _dir.Dispose();

    private CouchConfig Load(Dictionary<string, string>? environment = null) =>
        CouchConfig.Load([_dir.PathOf("default.ini"), _dir.PathOf("local.ini")], _dir.PathOf("local.ini"), environment);

    [Fact]
    public void PlainTextPasswordsAreHashedAndSavedInPlace()
    {
        _dir.Write("local.ini", "; my admins\n[admins]\n; the boss\nadmin = s3cr3t ; plain\nops = -pbkdf2:sha-4b007901b765489abead49d926f721d065a429c1,salt,4096\n");
        var config = Load();

        Assert.Equal(1, config.HashPlaintextAdmins());

        string hashed = config.Get("admins", "admin")!;
        Assert.StartsWith("-pbkdf2:sha256-", hashed, StringComparison.Ordinal);
        Assert.EndsWith(",10", hashed, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("s3cr3t", hashed));
        Assert.Equal(
            $"; my admins\n[admins]\n; the boss\nadmin = {hashed}\nops = -pbkdf2:sha-4b007901b765489abead49d926f721d065a429c1,salt,4096\n",
            _dir.Read("local.ini"));
        Assert.Equal(hashed, Load().Get("admins", "admin"));
    }

    [Fact]
    public void PlainTextInDefaultsIsHashedIntoLocalIni()
    {
        _dir.Write("default.ini", Defaults + "admin = s3cr3t\n");
        var config = Load();

        Assert.Equal(1, config.HashPlaintextAdmins());

        Assert.Equal(Defaults + "admin = s3cr3t\n", _dir.Read("default.ini"));
        Assert.True(PasswordHash.Verify("s3cr3t", Load().Get("admins", "admin")!));
    }

    [Fact]
    public void HashedValuesAreLeftAlone()
    {
        const string Local = "[admins]\nadmin = -hashed-2eb2224eb9737a12c64b6f71ac10af6a062e2671,7f4a3e05e0cbc6f48a0035e3508eef90\n";
        _dir.Write("local.ini", Local);

        Assert.Equal(0, Load().HashPlaintextAdmins());
        Assert.Equal(Local, _dir.Read("local.ini"));
    }

    [Fact]
    public void IterationsAndPrfComeFromChttpdAuth()
    {
        _dir.Write("local.ini", "[chttpd_auth]\niterations = 7\npbkdf2_prf = sha\n[admins]\nadmin = s3cr3t\n");
        var config = Load();

        config.HashPlaintextAdmins();

        string hashed = config.Get("admins", "admin")!;
        Assert.StartsWith("-pbkdf2:sha-", hashed, StringComparison.Ordinal);
        Assert.EndsWith(",7", hashed, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("s3cr3t", hashed));
    }

    [Fact]
    public void UnsupportedPrfFallsBackToSha256WithAWarning()
    {
        _dir.Write("local.ini", "[chttpd_auth]\npbkdf2_prf = sha224\n[admins]\nadmin = s3cr3t\n");
        var config = Load();

        config.HashPlaintextAdmins();

        Assert.StartsWith("-pbkdf2:sha256-", config.Get("admins", "admin"), StringComparison.Ordinal);
        Assert.Contains(config.Warnings, w => w.Contains("pbkdf2_prf", StringComparison.Ordinal));
    }

    [Fact]
    public void ContainerAdminIsAddedThenSavedHashed()
    {
        var environment = new Dictionary<string, string> { ["COUCHDB_USER"] = "admin", ["COUCHDB_PASSWORD"] = "pa55" };

        var config = Load(environment);
        Assert.Equal("pa55", config.Get("admins", "admin"));
        Assert.False(File.Exists(_dir.PathOf("local.ini")));

        Assert.Equal(1, config.HashPlaintextAdmins());
        string hashed = config.Get("admins", "admin")!;
        Assert.True(PasswordHash.Verify("pa55", hashed));
        Assert.Equal($"[admins]\nadmin = {hashed}\n", _dir.Read("local.ini"));

        // Next start: the admin exists, so nothing is added or rewritten.
        var restarted = Load(environment);
        Assert.Equal(hashed, restarted.Get("admins", "admin"));
        Assert.Equal(0, restarted.HashPlaintextAdmins());
    }

    [Fact]
    public void ContainerAdminDoesNotReplaceAnExistingOne()
    {
        const string Local = "[admins]\nadmin = -pbkdf2-4b007901b765489abead49d926f721d065a429c1,salt,4096\n";
        _dir.Write("local.ini", Local);

        var config = Load(new() { ["COUCHDB_USER"] = "admin", ["COUCHDB_PASSWORD"] = "changed" });

        Assert.True(PasswordHash.Verify("password", config.Get("admins", "admin")!));
        Assert.Equal(0, config.HashPlaintextAdmins());
        Assert.Equal(Local, _dir.Read("local.ini"));
    }

    [Fact]
    public void ContainerAdminNeedsBothVariables()
    {
        Assert.Empty(Load(new() { ["COUCHDB_USER"] = "admin" }).Section("admins"));
        Assert.Empty(Load(new() { ["COUCHDB_USER"] = "admin", ["COUCHDB_PASSWORD"] = "" }).Section("admins"));
    }

    [Fact]
    public void DeletedContainerAdminDoesNotComeBackInPlainText()
    {
        var config = Load(new() { ["COUCHDB_USER"] = "admin", ["COUCHDB_PASSWORD"] = "pa55" });
        config.HashPlaintextAdmins();

        config.Delete("admins", "admin");

        Assert.Null(config.Get("admins", "admin"));
        Assert.Equal("[admins]\n", _dir.Read("local.ini"));
    }
}
