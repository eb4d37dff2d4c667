using CouchJs.Database.Attachments;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Writing;

/// <summary>
/// A standalone attachment PUT or DELETE seen as the document edit it makes, for the write guards:
/// chttpd_db:db_attachment_req builds that document and writes it with couch_db:update_doc, so
/// validation sees it as any other edit. It is the edited revision (its path, body, deleted flag and
/// attachments as stubs) plus the upload or minus the removed attachment; without a rev, a new
/// document holding just the upload.
/// </summary>
internal static class AttachmentEdit
{
    public static IncomingDoc Describe(DbReader reader, string docId, Rev? rev, string name, AttachmentUpload? upload)
    {
        var doc = new IncomingDoc { Id = docId };
        var info = reader.Get(docId);
        RevBody? parent = null;
        long newPos = (info?.Winner.Rev.Pos ?? 0) + 1;
        if (rev is { } given)
        {
            var leaf = info?.Tree.Find(given);
            doc.RevPos = given.Pos;
            // A rev that is no leaf is refused by the writer as a conflict, which guards do not judge.
            doc.RevHashes = leaf is null ? [given.Hash] : [.. leaf.PathHashes];
            parent = leaf?.Value;
            newPos = given.Pos + 1;
        }
        doc.Deleted = parent?.Deleted ?? false;
        if (parent is { BodyPointer: not RevBody.NoBody }) doc.Body = reader.ReadBody(parent);
        var attachments = new List<IncomingAttachment>();
        if (upload?.Completed is { } done)
            attachments.Add(new IncomingAttachment { Name = upload.Name, ContentType = upload.ContentType, Stub = true, Length = done.Length, Digest = done.Digest, RevPos = newPos });
        foreach (var att in parent?.Attachments ?? [])
        {
            if (att.Name != name)
                attachments.Add(new IncomingAttachment { Name = att.Name, ContentType = att.ContentType, Stub = true, Length = att.Length, Digest = att.Digest, RevPos = att.RevPos });
        }
        doc.Attachments = attachments.Count > 0 ? attachments : null;
        return doc;
    }
}
