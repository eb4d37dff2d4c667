using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/{db}/{docid}/{attname}</c> (chttpd_db:db_attachment_req): GET/HEAD stream the stored data
/// (Range requests, gzip passed through or decoded), PUT streams the body into the file and makes a
/// new revision, DELETE makes one without the attachment. Names may hold slashes.
/// </summary>
public static partial class AttachmentEndpoints
{
    public static Task Handle(CouchRequest r, string dbName, string docId, string name)
    {
        var db = DatabaseEndpoints.Open(r, dbName);
        if (DocIds.IsLocal(docId)) throw CouchException.BadRequest("_local documents do not accept attachments.");
        return r.Method switch
        {
            "PUT" => Put(r, db, docId, name),
            "DELETE" => Delete(r, db, docId, name),
            _ => Get(r, db, docId, name),
        };
    }

    /// <summary>chttpd_db:extract_header_rev: <c>?rev=</c> or <c>If-Match</c> (null when neither is given).</summary>
    private static Rev? RequestRev(CouchRequest r)
    {
        string? query = r.Query("rev");
        return DocumentEndpoints.HeaderRev(r, query is null ? null : DocumentEndpoints.ParseRev(query));
    }

    /// <summary>
    /// The revision a PUT or DELETE with a rev edits, as fabric:open_revs finds it: one whose body is
    /// stored, or 409 <c>not_found</c>/<c>missing_rev</c> (chttpd's answer to a missing rev).
    /// </summary>
    private static RevLeaf<RevBody> OpenForEdit(DbReader reader, string docId, Rev rev) =>
        DocumentEndpoints.Available(reader.Get(docId)?.Tree.Find(rev)) ?? throw new CouchException(409, "not_found", "missing_rev");

    private static AttachmentInfo? Find(RevLeaf<RevBody> leaf, string name)
    {
        foreach (var att in leaf.Value?.Attachments ?? [])
            if (att.Name == name) return att;
        return null;
    }

    private static AttachmentInfo Existing(RevLeaf<RevBody> leaf, string name) =>
        Find(leaf, name) ?? throw CouchException.NotFound("Document is missing attachment");
}
