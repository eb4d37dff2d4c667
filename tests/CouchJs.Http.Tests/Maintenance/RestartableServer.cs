using System.Net.Http.Headers;
using System.Text;
using CouchJs.Server;

namespace CouchJs.Http.Tests.Maintenance;

/// <summary>
/// A CouchJs server whose data directory outlives it: <see cref="Restart"/> disposes the host and
/// builds a new one on the same directory, as a process restart would. Tests reach the host's
/// services through <see cref="Host"/> where they need to hold the server still.
/// </summary>
internal sealed class RestartableServer : IAsyncDisposable
{
    private const string Admin = "admin";
    private const string Password = "secret";

    private readonly Dictionary<string, string> _environment;

    private RestartableServer(Dictionary<string, string> environment) => _environment = environment;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "couchjs-maint-" + Guid.NewGuid().ToString("N"));

    public CouchHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Starts a server; <paramref name="settings"/> are extra environment entries (<c>COUCHJS_SECTION__KEY</c>).</summary>
    public static async Task<RestartableServer> Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["COUCHDB_USER"] = Admin,
            ["COUCHDB_PASSWORD"] = Password,
            ["COUCHJS_CHTTPD_AUTH__ITERATIONS"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        var server = new RestartableServer(environment);
        await server.Boot();
        return server;
    }

    public async Task Restart()
    {
        await Stop();
        await Boot();
    }

    private async Task Boot()
    {
        Host = CouchHost.Build(new CouchHostOptions(DataDir, 0, "127.0.0.1"), _environment);
        await Host.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(Host.Url.TrimEnd('/') + "/") };
        Client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Admin}:{Password}")));
    }

    private async Task Stop()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
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
