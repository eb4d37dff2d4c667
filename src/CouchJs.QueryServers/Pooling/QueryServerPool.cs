using System.Collections.Concurrent;
using CouchJs.Config;
using CouchJs.QueryServers.Pooling;

namespace CouchJs.QueryServers;

/// <summary>
/// The query servers of the node, by design-document language. <c>javascript_jint</c> and
/// <c>javascript_v8</c> always exist; any other language is looked up as CouchDB does — the
/// <c>COUCHDB_QUERY_SERVER_&lt;LANG&gt;</c> environment variable, then (CouchJs) the live
/// <c>[query_servers] &lt;lang&gt;</c> setting — whose value <c>jint</c> or <c>v8</c> names a built-in
/// engine and anything else is a command line of a couchjs-protocol program. The lookup happens at
/// every checkout, so a configuration change applies to the next one without a restart; engines
/// already checked out finish their work.
/// </summary>
public sealed class QueryServerPool : IQueryServerPool, IAsyncDisposable
{
    private const string EnvironmentPrefix = "COUCHDB_QUERY_SERVER_";
    private static readonly TimeSpan TrimPeriod = TimeSpan.FromSeconds(10);

    private readonly CouchConfig _config;
    private readonly Dictionary<string, string> _environmentServers;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<string, (EngineSpec Spec, EnginePool Pool)> _pools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EngineSpec> _commands = new(StringComparer.Ordinal);
    private readonly Timer _trimTimer;
    private QueryServerSettings _settings;

    /// <param name="config">The live configuration.</param>
    /// <param name="environment">The environment COUCHDB_QUERY_SERVER_* variables are read from (the process's when null).</param>
    /// <param name="log">Where the engines' <c>log()</c> lines go.</param>
    public QueryServerPool(CouchConfig config, IReadOnlyDictionary<string, string>? environment = null, Action<string>? log = null)
    {
        _config = config;
        _environmentServers = EnvironmentServers(environment ?? CouchConfig.ProcessEnvironment());
        _log = log ?? (static _ => { });
        _settings = QueryServerSettings.From(config);
        config.Changed += OnConfigChanged;
        _trimTimer = new Timer(_ => TrimIdle(), null, TrimPeriod, TrimPeriod);
    }

    private QueryServerSettings Settings => Volatile.Read(ref _settings);

    public ValueTask<QueryServerLease> Acquire(string language, CancellationToken ct) => Acquire(language, null, ct);

    public async ValueTask<QueryServerLease> Acquire(string language, string? warmFor, CancellationToken ct)
    {
        var pool = PoolFor(Resolve(language) ?? throw QueryServerErrors.UnknownLanguage(language));
        var server = await pool.Acquire(warmFor, ct).ConfigureAwait(false);
        return new QueryServerLease(server, pool.Release);
    }

    public (string Name, string Version) JavaScriptEngine =>
        Resolve("javascript") switch
        {
            null => ("", ""),
            { Kind: EngineKind.Jint } => ("jint", JintQueryServer.Version),
            { Kind: EngineKind.V8 } => ("v8", External.NodeVersion.V8()),
            { } spec => (spec.Name, ""),
        };

    /// <summary>The engine a language runs on now, or null when none is configured.</summary>
    private EngineSpec? Resolve(string language)
    {
        if (language.Equals("javascript_jint", StringComparison.OrdinalIgnoreCase)) return EngineSpec.Jint;
        if (language.Equals("javascript_v8", StringComparison.OrdinalIgnoreCase)) return Settings.V8;
        string? value = _environmentServers.GetValueOrDefault(language) ?? _config.Get("query_servers", language.ToLowerInvariant());
        return value?.Trim() switch
        {
            null or "" => null,
            "jint" => EngineSpec.Jint,
            "v8" => Settings.V8,
            { } command => _commands.GetOrAdd(command, EngineSpec.Shell),
        };
    }

    private EnginePool PoolFor(EngineSpec spec)
    {
        if (_pools.TryGetValue(spec.Key, out var known)) return known.Pool;
        return _pools.GetOrAdd(spec.Key, _ => (spec, NewPool(spec))).Pool;
    }

    private EnginePool NewPool(EngineSpec spec)
    {
        bool? mapDocs = null;
        EnginePool? pool = null;
        pool = new EnginePool(async ct =>
        {
            var settings = Settings;
            if (spec.Kind == EngineKind.Jint)
                return await JintQueryServer.Create(settings.Jint, _log).ConfigureAwait(false);
            var server = await ExternalQueryServer.Start(spec.Name, spec.Command!, settings.Timeout, _log, mapDocs, ct).ConfigureAwait(false);
            // What one process said about map_docs holds for every process of the same command.
            mapDocs = server.SupportsMapDocs;
            return server;
        }, () => Settings);
        return pool;
    }

    /// <summary>Engines alive (or being made) for a language's current engine; for tests and diagnostics.</summary>
    internal (int Count, int Idle) Census(string language)
    {
        var spec = Resolve(language);
        return spec is not null && _pools.TryGetValue(spec.Key, out var entry) ? (entry.Pool.Count, entry.Pool.IdleCount) : (0, 0);
    }

    internal void TrimIdle()
    {
        foreach (var (_, pool) in _pools.Values) pool.TrimIdle();
    }

    private void OnConfigChanged(string section, string key)
    {
        if (!QueryServerSettings.Concerns(section, key)) return;
        Volatile.Write(ref _settings, QueryServerSettings.From(_config));
        foreach (var (_, pool) in _pools.Values) pool.BoundChanged();
    }

    private static Dictionary<string, string> EnvironmentServers(IReadOnlyDictionary<string, string> environment)
    {
        var servers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (name.Length > EnvironmentPrefix.Length && name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && value.Trim().Length > 0)
                servers[name[EnvironmentPrefix.Length..]] = value;
        }
        return servers;
    }

    public async ValueTask DisposeAsync()
    {
        _config.Changed -= OnConfigChanged;
        await _trimTimer.DisposeAsync().ConfigureAwait(false);
        foreach (var (_, pool) in _pools.Values) await pool.DisposeAsync().ConfigureAwait(false);
    }
}
