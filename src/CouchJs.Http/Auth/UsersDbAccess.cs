using System.Buffers;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Users;
using CouchJs.Http.Endpoints;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Auth;

/// <summary>
/// The users database's read rules for its members (couch_users_db:after_doc_read), for callers who are
/// no admin of it: design documents stay hidden (403); a user reads their own document whole; anyone
/// else gets only the members named in <c>[chttpd_auth] public_fields</c> (with <c>_id</c> and
/// <c>_rev</c>), or 404 when none is there. Writes are checked where they happen
/// (<see cref="SecurityWriteGuard"/>); attachments of a user document are its owner's.
/// </summary>
public static class UsersDbAccess
{
    public const string DesignDocsHidden = "Only administrators can view design docs in the users database.";

    public static Func<CouchRequest, Task>? Check(CouchRequest r, SecurityObject security)
    {
        var user = r.User;
        var path = r.Path;
        if (path.Count < 2 || security.IsAdmin(user)) return null;
        string second = path[1];
        if (second == "_design" || second.StartsWith(DocIds.DesignPrefix, StringComparison.Ordinal))
        {
            bool designDocWrite = r.Method is "PUT" or "DELETE" or "COPY" && path.Count == (second == "_design" ? 3 : 2);
            return designDocWrite ? null : throw new CouchException(403, "forbidden", DesignDocsHidden);
        }
        // Documents of others would leak through these whole; their admins use them.
        if (path.Count == 2 && second is "_bulk_get" or "_find") throw AccessErrors.Security(user, AccessErrors.NotDbAdmin);
        if (second.StartsWith('_')) return null;
        bool owner = user.Name is not null && UserDocs.NameOf(second) == user.Name;
        bool read = r.Method is "GET" or "HEAD";
        if (owner || (!read && path.Count == 2)) return null;
        if (path.Count == 2) return req => PublicFields(req, second);
        if (read || user.Name is not null) throw CouchException.NotFound();
        throw new CouchException(403, "forbidden", "You may only update your own user document.");
    }

    // The winning revision stripped to the public fields (couch_users_db:strip_non_public_fields).
    private static Task PublicFields(CouchRequest r, string docId)
    {
        var database = DatabaseEndpoints.Open(r, r.Path[0]);
        using var reader = database.OpenReader();
        var leaf = DocumentEndpoints.OpenRevision(reader, docId, null, allowDeleted: false, out _);
        var fields = r.Services.Config.Get("chttpd_auth", "public_fields", "")
            .Split(',', StringSplitOptions.TrimEntries);
        using var body = JsonDocument.Parse(reader.ReadBody(leaf.Value!));
        var output = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(output, CouchJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("_id", docId);
            w.WriteString("_rev", leaf.Rev.ToString());
            int kept = 0;
            foreach (var member in body.RootElement.EnumerateObject())
            {
                if (!fields.Contains(member.Name)) continue;
                member.WriteTo(w);
                kept++;
            }
            if (kept == 0) throw CouchException.NotFound();
            w.WriteEndObject();
        }
        return JsonResponse.WriteRaw(r.Context, 200, output.WrittenMemory);
    }
}
