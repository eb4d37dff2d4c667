using System.Net;
using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Http;
using CouchJs.Http.Auth;
using CouchJs.Http.DesignFunctions;
using CouchJs.Database.Writing;
using CouchJs.Views.Design;
using CouchJs.QueryServers;
using CouchJs.Storage.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CouchJs.Server;

/// <summary>
/// Builds the server: configuration (shipped default.ini, then the data dir's writable local.ini,
/// then environment), an admin (CouchDB 3 refuses to run as an "admin party"), the databases, and
/// Kestrel with the one CouchDB middleware.
/// </summary>
public sealed class CouchHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DatabaseServer _databases;
    private readonly QueryServerPool _queryServers;

    private CouchHost(WebApplication app, DatabaseServer databases, QueryServerPool queryServers)
    {
        _app = app;
        _databases = databases;
        _queryServers = queryServers;
    }

    /// <summary>Builds a server; <paramref name="environment"/> replaces the process environment (tests).</summary>
    public static CouchHost Build(CouchHostOptions options, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(options.DataDir);
        var config = LoadConfig(options, environment ?? ProcessEnvironment());
        AdminSetup.Ensure(config);
        string uuid = ServerIdentity.Uuid(config);
        long mappedPagesMb = config.GetLong("couchjs", "mapped_pages_budget_mb", 32);
        MappedPages.BudgetBytes = mappedPagesMb > 0 ? mappedPagesMb << 20 : long.MaxValue;
        string databaseDir = Path.GetFullPath(Path.Combine(options.DataDir, config.Get("couchdb", "database_dir", ".")));
        // The engines' log() lines go to the host's log once it is built (CouchDB logs them at info).
        ILogger? queryServerLog = null;
        var queryServers = new QueryServerPool(config, environment, message => queryServerLog?.LogInformation("Query server log :: {Message}", message));
        var viewOptions = ViewSettings.From(config, options.DataDir);
        var security = new DbSecurity(config);
        // Access rules first, then design documents' validation (couch_db:validate_doc_update's order).
        var designFunctions = new DesignFunctionServices(config, queryServers, security);
        IDocWriteGuard[] guards = [new SecurityWriteGuard(config, security), new DesignDocValidator(queryServers, viewOptions.Update.QueryServerConfig), designFunctions.Guard];
        var databases = new DatabaseServer(databaseDir, DatabaseSettings.From(config) with { WriteGuards = guards });
        SystemDatabases.Ensure(config, databases, security);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            int port = options.Port ?? config.GetInt("chttpd", "port", 5984);
            string bind = options.Bind ?? config.Get("chttpd", "bind_address", "127.0.0.1");
            kestrel.Listen(bind is "0.0.0.0" or "::" ? IPAddress.Any : IPAddress.Parse(bind), port);
        });
        builder.Services.AddSingleton(new CouchServices(databases, config, uuid, queryServers, viewOptions, security, designFunctions.Runner));
        var app = builder.Build();
        SystemDatabases.WatchUsersDb(config, databases, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CouchJs.Setup"));
        queryServerLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CouchJs.QueryServers");
        var middleware = ActivatorUtilities.CreateInstance<CouchMiddleware>(app.Services);
        app.Run(middleware.Invoke);
        return new CouchHost(app, databases, queryServers);
    }

    public CouchServices Services => _app.Services.GetRequiredService<CouchServices>();

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:5984</c> (the real port when 0 was asked).</summary>
    public string Url => _app.Urls.First();

    private static CouchConfig LoadConfig(CouchHostOptions options, IReadOnlyDictionary<string, string> environment)
    {
        string defaults = Path.Combine(AppContext.BaseDirectory, "default.ini");
        string local = Path.Combine(options.DataDir, "local.ini");
        if (!File.Exists(local)) File.WriteAllText(local, "; CouchJs local settings: written by the server (admins, uuid, _config changes).\n");
        return CouchConfig.Load([defaults, local], local, environment);
    }

    private static Dictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");

    public Task StartAsync() => _app.StartAsync();

    public async Task RunAsync()
    {
        await StartAsync().ConfigureAwait(false);
        Console.WriteLine($"CouchJs listening on {Url}");
        await _app.WaitForShutdownAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        var views = Services.Views;
        await _app.DisposeAsync().ConfigureAwait(false);
        // Indexes close before their databases, and both before the query servers their updaters use.
        await views.DisposeAsync().ConfigureAwait(false);
        await _databases.DisposeAsync().ConfigureAwait(false);
        await _queryServers.DisposeAsync().ConfigureAwait(false);
    }
}
