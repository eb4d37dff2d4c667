using CouchJs.Database.Documents;

namespace CouchJs.Http.Endpoints;

public static partial class DocumentEndpoints
{
    /// <summary>
    /// DELETE of a document: 404 when it is missing or already deleted; otherwise a tombstone child of
    /// the rev from <c>?rev=</c> or <c>If-Match</c> (none is 409, as any edit of an existing document
    /// without a rev). 200 with the tombstone's rev and ETag.
    /// </summary>
    private static async Task Delete(CouchRequest r, string dbName, string docId)
    {
        var db = DatabaseEndpoints.Open(r, dbName);
        using (var reader = db.OpenReader()) OpenRevision(reader, docId, null, allowDeleted: false, out _);
        string? queryRev = r.Query("rev");
        var doc = new IncomingDoc { Id = docId, Deleted = true };
        ApplyRequestRev(r, doc, queryRev is null ? null : ParseRev(queryRev));
        var rev = (await db.UpdateDoc(doc).ConfigureAwait(false)).Rev!.Value;
        await Updated(r, 200, docId, rev.ToString(), Etag(rev)).ConfigureAwait(false);
    }
}
