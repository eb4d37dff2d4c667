using CouchJs.Config;

namespace CouchJs.QueryServers.Pooling;

/// <summary>The query-server settings at one moment, read from the configuration when it changes.</summary>
internal sealed record QueryServerSettings(
    TimeSpan Timeout,
    int ProcessLimit,
    int SoftLimit,
    TimeSpan IdleLimit,
    int JintMaxStatements,
    long JintMemoryLimit,
    EngineSpec V8)
{
    /// <summary>
    /// Engines per engine kind beyond which callers wait: os_process_limit, but no more than a few per
    /// core, as every engine is CPU-bound (more would only add memory and context switches).
    /// </summary>
    public int PoolBound { get; } = Math.Max(1, Math.Min(ProcessLimit, EnginesPerCore * Environment.ProcessorCount));

    private const int EnginesPerCore = 4;

    /// <summary>Far above what mapping a batch allocates (well under 1 MB for 100 documents of 1 KB), far below harm.</summary>
    private const long DefaultJintMemoryLimit = 1L << 30;

    public static QueryServerSettings From(CouchConfig config) => new(
        TimeSpan.FromMilliseconds(Math.Max(1, config.GetInt("couchdb", "os_process_timeout", 5000))),
        config.GetInt("query_server_config", "os_process_limit", 100),
        config.GetInt("query_server_config", "os_process_soft_limit", 100),
        TimeSpan.FromSeconds(Math.Max(0, config.GetInt("query_server_config", "os_process_idle_limit", 300))),
        Math.Max(0, config.GetInt("query_server_config", "jint_max_statements", 0)),
        Math.Max(0, config.GetLong("query_server_config", "jint_memory_limit", DefaultJintMemoryLimit)),
        EngineSpec.V8(NodeMainJs.Resolve(config.Get("couchjs", "node_query_server", "queryservers/node/main.js"))));

    public JintLimits Jint => new(Timeout, JintMaxStatements, JintMemoryLimit);

    /// <summary>Whether a change to <paramref name="section"/> may change these settings.</summary>
    public static bool Concerns(string section, string key) =>
        section is "query_server_config" or "couchjs" || (section == "couchdb" && key == "os_process_timeout");
}
