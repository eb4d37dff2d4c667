using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Http.Auth;
using CouchJs.Database.Tasks;
using CouchJs.Http.Server;

namespace CouchJs.Http;

/// <summary>What endpoints share: the databases, the configuration, and the server's identity.</summary>
public sealed class CouchServices(DatabaseServer databases, CouchConfig config, string serverUuid)
{
    public DatabaseServer Databases { get; } = databases;

    public CouchConfig Config { get; } = config;

    /// <summary>The <c>uuid</c> of <c>GET /</c>: from <c>[couchdb] uuid</c>, stable across restarts.</summary>
    public string ServerUuid { get; } = serverUuid;

    public UuidGenerator Uuids { get; } = new(config);

    public AdminAuthenticator Auth { get; } = new(config);

    public ActiveTasks Tasks { get; } = new();
}
