using System.Text.Json;
using CouchJs.Database;
using CouchJs.Storage.Database;

namespace CouchJs.Http.Auth;

/// <summary>
/// Who may do what, until the users database and per-user roles arrive: server admins may do
/// anything; the welcome, <c>_up</c>, <c>_uuids</c> and favicon are public; server resources need a
/// server admin (<c>admin_only_all_dbs</c>); a database is readable and writable by anyone only when
/// its security object names no members (a new one is admin-only: <c>default_security = admin_only</c>),
/// and its admin resources (security, compaction, purge, limits, design documents) stay admin-only.
/// </summary>
public static class Authorization
{
    public static void Check(CouchRequest request)
    {
        if (request.User.IsAdmin) return;
        var path = request.Path;
        if (path.Count == 0) return;
        string first = path[0];
        if (path.Count == 1 && first is "_up" or "_uuids" or "favicon.ico") return;
        bool serverResource = first is "_all_dbs" or "_dbs_info" or "_active_tasks";
        if (path.Count == 1 && (serverResource || request.Method is "PUT" or "DELETE"))
            throw new CouchException(401, "unauthorized", "You are not a server admin.");
        if (!IsPublic(request, first)) throw new CouchException(401, "unauthorized", "You are not authorized to access this db.");
        if (IsDbAdminResource(request)) throw new CouchException(401, "unauthorized", "You are not a db or server admin.");
    }

    // A missing database is public here, so its 404 is what the client sees.
    private static bool IsPublic(CouchRequest request, string db)
    {
        var database = request.Services.Databases.TryOpen(db);
        if (database is null) return true;
        using var reader = database.OpenReader();
        if (reader.Header.SecurityPointer == DbHeader.NoPointer)
            return request.Services.Config.Get("couchdb", "default_security", "admin_only") == "everyone";
        using var security = JsonDocument.Parse(reader.Security);
        return !security.RootElement.TryGetProperty("members", out var members) || (IsEmpty(members, "names") && IsEmpty(members, "roles"));
    }

    private static bool IsEmpty(JsonElement members, string list) =>
        members.ValueKind != JsonValueKind.Object || !members.TryGetProperty(list, out var values)
        || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0;

    private static bool IsDbAdminResource(CouchRequest request)
    {
        var path = request.Path;
        if (path.Count < 2) return false;
        bool write = request.Method is not ("GET" or "HEAD");
        return path[1] switch
        {
            "_security" or "_revs_limit" or "_purged_infos_limit" => write,
            "_compact" or "_purge" or "_view_cleanup" => true,
            "_design" => write,
            _ => path[1].StartsWith("_design/", StringComparison.Ordinal) && write,
        };
    }
}
