using CouchJs.Config;

namespace CouchJs.Server;

/// <summary>The server's <c>[couchdb] uuid</c>: made once and kept in local.ini, as CouchDB does.</summary>
public static class ServerIdentity
{
    public static string Uuid(CouchConfig config)
    {
        if (config.Get("couchdb", "uuid") is { Length: > 0 } uuid) return uuid;
        uuid = Guid.NewGuid().ToString("N");
        config.Set("couchdb", "uuid", uuid);
        return uuid;
    }
}
