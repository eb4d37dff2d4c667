using CouchJs.Config;
using CouchJs.QueryServers;
using CouchJs.Views.Engine;
using CouchJs.Views.Updating;

namespace CouchJs.Server;

/// <summary>Binds <c>[couchdb] view_index_dir</c> and the query-server limits to the view engine's options.</summary>
public static class ViewSettings
{
    /// <param name="dataDir">The data directory a relative <c>view_index_dir</c> is taken from.</param>
    public static ViewEngineOptions From(CouchConfig config, string dataDir) => new()
    {
        IndexRoot = Path.GetFullPath(Path.Combine(dataDir, config.Get("couchdb", "view_index_dir", "."))),
        File = DatabaseSettings.From(config).File,
        // Read at every update and query, so a _config change applies without a restart.
        Update = new UpdateSettings
        {
            QueryServerConfig = () => new QueryServerConfig(
                config.Get("query_server_config", "reduce_limit", "true") == "true",
                config.GetInt("couchdb", "os_process_timeout", 5000)),
        },
    };
}
