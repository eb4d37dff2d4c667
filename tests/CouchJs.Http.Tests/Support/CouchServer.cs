using System.Net.Http.Headers;
using System.Text;
using CouchJs.Server;

namespace CouchJs.Http.Tests.Support;

/// <summary>
/// A real CouchJs server (Kestrel on a free loopback port, a fresh temp data dir, admin
/// <c>admin</c>/<see cref="Password"/>) shared by the tests of a class through <c>IClassFixture</c>.
/// </summary>
public sealed class CouchServer : IAsyncLifetime
{
    public const string Admin = "admin";
    public const string Password = "secret";

    /// <summary>The environment test servers start with: the admin, and fewer PBKDF2 rounds (tests start many servers).</summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["COUCHDB_USER"] = Admin,
        ["COUCHDB_PASSWORD"] = Password,
        ["COUCHJS_CHTTPD_AUTH__ITERATIONS"] = "1000",
    };

    private CouchHost? _host;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "couchjs-http-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running host (its services, e.g. to change the configuration as _config would).</summary>
    public CouchHost Host => _host ?? throw new InvalidOperationException("the server is not running");

    /// <summary>A client that authenticates as the server admin.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = CouchHost.Build(new CouchHostOptions(DataDir, 0, "127.0.0.1"), Environment);
        await _host.StartAsync();
        BaseAddress = new Uri(_host.Url.TrimEnd('/') + "/");
        Client = NewClient(authenticated: true);
        Anonymous = NewClient(authenticated: false);
    }

    public HttpClient NewClient(bool authenticated)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (authenticated)
            client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Admin}:{Password}")));
        return client;
    }

    /// <summary>A fresh database name (tests in a class share the server, not databases).</summary>
    public static string NewDbName(string prefix = "db") => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Stops the server and keeps its data directory (for restart tests).</summary>
    public async Task StopAsync()
    {
        Client?.Dispose();
        Anonymous?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        _host = null;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left for the temp cleaner.
        }
    }
}
