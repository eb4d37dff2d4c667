using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Database.Users;
using Microsoft.Extensions.Logging;

namespace CouchJs.Server;

/// <summary>
/// What a single-node CouchDB's setup leaves in place before the first request: the
/// <c>[chttpd_auth] secret</c> (made and saved to local.ini when missing), the authentication database
/// (<c>_users</c>) and <c>_replicator</c>, and the authentication database's <c>_design/_auth</c>, which
/// is also put back whenever that database is created again.
/// </summary>
public static class SystemDatabases
{
    public const string Replicator = "_replicator";

    public static void Ensure(CouchConfig config, DatabaseServer databases, Http.Auth.DbSecurity security)
    {
        Http.Auth.AuthSecret.Ensure(config);
        string usersDb = AuthenticationDb.Name(config);
        foreach (string name in (string[])[usersDb, Replicator])
            if (!databases.Exists(name)) databases.Create(name, security.DefaultJson);
        AuthDesignDoc.Ensure(databases.Open(usersDb)).GetAwaiter().GetResult();
    }

    /// <summary>Re-creates <c>_design/_auth</c> in a new authentication database; failures are logged.</summary>
    public static void WatchUsersDb(CouchConfig config, DatabaseServer databases, ILogger logger)
    {
        databases.DatabaseEvent += (name, change) =>
        {
            if (change != "created" || name != AuthenticationDb.Name(config)) return;
            AuthDesignDoc.Ensure(databases.Open(name)).ContinueWith(
                t => logger.LogError(t.Exception, "could not write {Id} in {Db}", UserDocs.AuthDesignDocId, name),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        };
    }
}
