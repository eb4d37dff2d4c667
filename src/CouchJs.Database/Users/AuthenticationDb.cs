using CouchJs.Config;

namespace CouchJs.Database.Users;

/// <summary>
/// Which database holds the users. Authentication reads <c>[chttpd_auth] authentication_db</c>
/// (chttpd_auth_cache); the users-database rules (hashing on write, owner-only reads) apply to it and to
/// any database whose last path segment is <c>_users</c> or <c>[couchdb] users_db_suffix</c>, as
/// couch_server marks users databases.
/// </summary>
public static class AuthenticationDb
{
    public const string DefaultName = "_users";

    public static string Name(CouchConfig config) => config.Get("chttpd_auth", "authentication_db", DefaultName);

    public static bool IsUsersDb(string db, CouchConfig config)
    {
        if (db == Name(config)) return true;
        string last = db[(db.LastIndexOf('/') + 1)..];
        return last == DefaultName || last == config.Get("couchdb", "users_db_suffix", DefaultName);
    }
}
