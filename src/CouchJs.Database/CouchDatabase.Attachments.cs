using CouchJs.Database.Attachments;
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
    public Task<Rev> PutAttachment(string docId, Rev? rev, AttachmentUpload upload) =>
        _writer.Enqueue(new AttachmentUpdateOp(docId, rev, upload.Name, upload));

    /// <summary>A child of <paramref name="rev"/> without the attachment <paramref name="name"/>.</summary>
    public Task<Rev> DeleteAttachment(string docId, Rev rev, string name) =>
        _writer.Enqueue(new AttachmentUpdateOp(docId, rev, name, null));
}
