using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace CouchJs.Compat.Tests.Replay;

/// <summary>
/// The CouchJs server every fixture talks to: one real process for the whole run, on a free port
/// with a fresh data directory and a random admin password, stopped on dispose. With
/// <c>COUCHJS_URL</c> set (and <c>COUCHJS_ADMIN</c> / <c>COUCHJS_PASSWORD</c>) no process starts
/// and the fixtures go to that server instead, e.g. a real CouchDB to check the fixtures themselves.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(2);

    private readonly ProcessOutput _output = new();
    private Process? _process;
    private string? _dataDir;

    /// <summary>Plain HTTP over TCP: no redirects followed, no cookies, no decompression, so the wire shows through.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Scheme, host and port without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public string AdminName { get; private set; } = "admin";

    public string AdminPassword { get; private set; } = "";

    public async Task InitializeAsync()
    {
        string? url = Environment.GetEnvironmentVariable("COUCHJS_URL");
        if (!string.IsNullOrEmpty(url))
        {
            BaseUrl = url.TrimEnd('/');
            AdminName = Environment.GetEnvironmentVariable("COUCHJS_ADMIN") ?? AdminName;
            AdminPassword = Environment.GetEnvironmentVariable("COUCHJS_PASSWORD")
                ?? throw new InvalidOperationException("COUCHJS_URL is set: set COUCHJS_PASSWORD (and COUCHJS_ADMIN) too");
            return;
        }
        Start();
        await WaitUntilUpAsync();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit();
        _process?.Dispose();
        Http.Dispose();
        if (_dataDir is not null && Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
        return Task.CompletedTask;
    }

    private void Start()
    {
        string dll = RepoPaths.ServerDll;
        if (!File.Exists(dll))
            throw new InvalidOperationException($"no server at {dll}: build it with `dotnet build src/CouchJs.Server -c Release`");
        int port = FreePort();
        _dataDir = Directory.CreateTempSubdirectory("couchjs-compat-").FullName;
        AdminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        BaseUrl = $"http://127.0.0.1:{port}";

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll, "--port", port.ToString(), "--data-dir", _dataDir }) start.ArgumentList.Add(arg);
        start.Environment["COUCHDB_USER"] = AdminName;
        start.Environment["COUCHDB_PASSWORD"] = AdminPassword;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => _output.Add("out", e.Data);
        _process.ErrorDataReceived += (_, e) => _output.Add("err", e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilUpAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartupTimeout)
        {
            if (_process!.HasExited)
            {
                // The parameterless wait also drains the output readers, so the message has the last lines.
                _process.WaitForExit();
                throw new InvalidOperationException(
                    $"the server exited with code {_process.ExitCode} before answering GET /_up\n{_output}");
            }
            try
            {
                // A short per-poll limit: a server that accepts but hangs must not eat the whole minute.
                using var poll = new CancellationTokenSource(PollTimeout);
                using var response = await Http.GetAsync(BaseUrl + "/_up", poll.Token);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening (or not answering) yet.
            }
            await Task.Delay(PollInterval);
        }
        throw new TimeoutException($"GET {BaseUrl}/_up did not answer 200 within {StartupTimeout.TotalSeconds} s\n{_output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
