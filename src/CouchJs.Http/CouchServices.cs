using CouchJs.Config;
using CouchJs.Database;
using CouchJs.DesignFunctions;
using CouchJs.Http.Auth;
using CouchJs.Database.Tasks;
using CouchJs.Http.Server;
using CouchJs.QueryServers;
using CouchJs.Views.Engine;

namespace CouchJs.Http;

/// <summary>What endpoints share: the databases, the configuration, the query servers and view indexes, and the server's identity.</summary>
public sealed class CouchServices
{
    /// <param name="security">The security objects the databases' write guard (<see cref="SecurityWriteGuard"/>) reads too.</param>
    /// <param name="designFunctions">Shows, lists, updates, filters and rewrites, sharing their design doc cache with the databases' validate_doc_update guard.</param>
    public CouchServices(DatabaseServer databases, CouchConfig config, string serverUuid, IQueryServerPool queryServers, ViewEngineOptions viewOptions, DbSecurity security,
        DesignFunctionRunner designFunctions)
    {
        DesignFunctions = designFunctions;
        Databases = databases;
        Config = config;
        ServerUuid = serverUuid;
        Uuids = new UuidGenerator(config);
        Security = security;
        Auth = Authenticator.Create(config, databases, TimeProvider.System);
        QueryServers = queryServers;
        Views = new ViewEngine(databases, queryServers, Tasks, viewOptions);
    }

    public DatabaseServer Databases { get; }

    /// <summary>Runs design documents' shows, lists, updates, changes filters and rewrite functions.</summary>
    public DesignFunctionRunner DesignFunctions { get; }

    public CouchConfig Config { get; }

    /// <summary>The <c>uuid</c> of <c>GET /</c>: from <c>[couchdb] uuid</c>, stable across restarts.</summary>
    public string ServerUuid { get; }

    public UuidGenerator Uuids { get; }

    /// <summary>Who a request is from: the configured authentication handlers, users' credentials, password checks.</summary>
    public Authenticator Auth { get; }

    /// <summary>Each database's security object, for authorization.</summary>
    public DbSecurity Security { get; }

    public ActiveTasks Tasks { get; } = new();

    public IQueryServerPool QueryServers { get; }

    /// <summary>View indexes: the design doc cache, updaters, queries, compaction, the background indexer.</summary>
    public ViewEngine Views { get; }
}
