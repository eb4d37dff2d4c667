using CouchJs.Database.Attachments;
using CouchJs.Database.Documents;
using CouchJs.Database.Revisions;
using CouchJs.Database.Writing;

namespace CouchJs.Database;

// Standalone attachment writes: the data streams into the file first, one write op makes the revision.
public sealed partial class CouchDatabase
{
    /// <summary>Starts streaming an attachment into this database's file (dispose it when done).</summary>
    /// <param name="sentGzipped">The data is sent gzip-encoded (<c>Content-Encoding: gzip</c>) and is stored as sent.</param>
    public AttachmentUpload BeginAttachment(string name, string contentType, bool sentGzipped = false) =>
        new(File, Options, name, contentType, sentGzipped);

    /// <summary>
    /// Commits a completed upload as a new revision of <paramref name="docId"/>: a child of
    /// <paramref name="rev"/> (its body and other attachments kept), or a new document without one.
    /// </summary>
    public async Task<Rev> PutAttachment(string docId, Rev? rev, AttachmentUpload upload)
    {
        await CheckAttachmentEdit(docId, rev, upload.Name, upload).ConfigureAwait(false);
        return await _writer.Enqueue(new AttachmentUpdateOp(docId, rev, upload.Name, upload)).ConfigureAwait(false);
    }

    /// <summary>A child of <paramref name="rev"/> without the attachment <paramref name="name"/>.</summary>
    public async Task<Rev> DeleteAttachment(string docId, Rev rev, string name)
    {
        await CheckAttachmentEdit(docId, rev, name, null).ConfigureAwait(false);
        return await _writer.Enqueue(new AttachmentUpdateOp(docId, rev, name, null)).ConfigureAwait(false);
    }

    // The write guards judge the edit as the document it makes (AttachmentEdit); a refusal is thrown.
    private async Task CheckAttachmentEdit(string docId, Rev? rev, string name, AttachmentUpload? upload)
    {
        if (Options.WriteGuards.Count == 0) return;
        IncomingDoc edit;
        using (var reader = OpenReader()) edit = AttachmentEdit.Describe(reader, docId, rev, name, upload);
        foreach (var guard in Options.WriteGuards)
        {
            if (!guard.Applies(this, [edit])) continue;
            using var write = new DocWrite(this, [edit], newEdits: true);
            if ((await guard.Check(write).ConfigureAwait(false))[0] is { } error) throw error;
        }
    }
}
