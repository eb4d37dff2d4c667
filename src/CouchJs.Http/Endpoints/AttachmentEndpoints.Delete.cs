using CouchJs.Database;

namespace CouchJs.Http.Endpoints;

public static partial class AttachmentEndpoints
{
    /// <summary>
    /// DELETE of an attachment: a child of the rev without it, 200 <c>{"ok","id","rev"}</c> with the new
    /// rev's ETag. Without a rev the document and the attachment must exist (404 otherwise) and the
    /// edit is then a conflict, as CouchDB's rev-less edit of an existing document is.
    /// </summary>
    private static async Task Delete(CouchRequest r, CouchDatabase db, string docId, string name)
    {
        DocumentEndpoints.ValidateAttachmentName(name);
        var rev = RequestRev(r);
        using (var reader = db.OpenReader())
        {
            if (rev is not { } given)
            {
                Existing(DocumentEndpoints.OpenRevision(reader, docId, null, allowDeleted: false, out _), name);
                throw CouchException.Conflict();
            }
            Existing(OpenForEdit(reader, docId, given), name);
        }
        var newRev = await db.DeleteAttachment(docId, rev.Value, name).ConfigureAwait(false);
        await DocumentEndpoints.Updated(r, 200, docId, newRev.ToString(), DocumentEndpoints.Etag(newRev)).ConfigureAwait(false);
    }
}
