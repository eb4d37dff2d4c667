using CouchJs.Database;
using CouchJs.Database.Users;

namespace CouchJs.Http.Auth;

/// <summary>
/// Who may do what, per request, as chttpd_auth_request and the checks of chttpd_db and couch_db:
/// server admins may do anything; the welcome, <c>_up</c>, <c>_uuids</c>, <c>_session</c> and the
/// favicon are open; <c>_all_dbs</c> and <c>_dbs_info</c> need an admin when
/// <c>[chttpd] admin_only_all_dbs</c>; other <c>_</c> resources, database creation and deletion,
/// <c>_purge</c> and <c>_purged_infos_limit</c> need a server admin; everything in a database needs a
/// member (<see cref="SecurityObject"/>), and its admin resources a database admin. Design document
/// writes are checked per document where they are written (<see cref="SecurityWriteGuard"/>), and the
/// users database's own rules in <see cref="UsersDbAccess"/>.
/// </summary>
public static class Authorization
{
    // chttpd_auth_request:server_authorization_check's open resources, less _active_tasks, whose handler
    // (chttpd_misc:handle_task_status_req) needs a server admin all the same.
    private static readonly string[] OpenServerResources = ["_up", "_uuids", "_session", "_replicate", "_stats"];

    /// <summary>
    /// Throws CouchDB's refusal, or returns null to let the request through, or the handler that
    /// answers it instead (a users-database document read by someone else than its owner).
    /// </summary>
    public static Func<CouchRequest, Task>? Check(CouchRequest r)
    {
        var user = r.User;
        if (user.IsAdmin) return null;
        var path = r.Path;
        if (path.Count == 0 || path[0] == "favicon.ico") return null;
        string first = path[0];
        var config = r.Services.Config;
        if (first is "_all_dbs" or "_dbs_info")
        {
            if (config.GetBool("chttpd", "admin_only_all_dbs", true)) throw AccessErrors.Unauthorized(AccessErrors.NotServerAdmin);
            return null;
        }
        bool usersDb = AuthenticationDb.IsUsersDb(first, config);
        if (first.StartsWith('_') && !usersDb && first != "_replicator")
        {
            if (path.Count == 1 && OpenServerResources.Contains(first)) return null;
            if (first == "_utils" && r.Method is "GET" or "HEAD") return null;
            throw AccessErrors.Unauthorized(AccessErrors.NotServerAdmin);
        }
        if (NeedsServerAdmin(r, usersDb)) throw AccessErrors.Unauthorized(AccessErrors.NotServerAdmin);
        if (r.Services.Databases.TryOpen(first) is not { } database) return null;
        var security = r.Services.Security.Of(database);
        if (!security.IsMember(user)) throw AccessErrors.NotMember(user);
        if (path.Count >= 2 && path[1] is "_compact" or "_view_cleanup" && !security.IsAdmin(user))
            throw AccessErrors.Unauthorized(AccessErrors.NotServerOrDbAdmin);
        if (IsDbAdminWrite(r) && !security.IsAdmin(user)) throw AccessErrors.Security(user, AccessErrors.NotDbAdmin);
        return usersDb ? UsersDbAccess.Check(r, security) : null;
    }

    private static bool NeedsServerAdmin(CouchRequest r, bool usersDb)
    {
        var path = r.Path;
        if (path.Count == 1) return r.Method is "PUT" or "DELETE";
        if (path[1] is "_purge" or "_purged_infos_limit" or "_sync_shards") return true;
        bool systemDb = usersDb || path[0] == "_replicator";
        return systemDb && path[1] is "_all_docs" or "_changes";
    }

    // couch_db:check_is_admin in the handlers: security and revs limit changes, and design documents'
    // attachments (their other writes go through the write guard).
    private static bool IsDbAdminWrite(CouchRequest r)
    {
        var path = r.Path;
        if (r.Method is not ("PUT" or "DELETE") || path.Count < 2) return false;
        if (r.Method == "PUT" && path.Count == 2 && path[1] is "_security" or "_revs_limit") return true;
        return IsDesignAttachment(path);
    }

    /// <summary>A design document's attachment: <c>/db/_design/x/att…</c> or <c>/db/_design%2Fx/att…</c>; segments starting with <c>_</c> are its functions.</summary>
    private static bool IsDesignAttachment(Routing.RequestPath path) =>
        (path.Count >= 4 && path[1] == "_design" && !path[3].StartsWith('_'))
        || (path.Count >= 3 && path[1].StartsWith("_design/", StringComparison.Ordinal) && !path[2].StartsWith('_'));
}
