using CouchJs.Database.Attachments;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Writing;

/// <summary>
/// A standalone attachment PUT or DELETE (chttpd_db:db_attachment_req): a child of <c>rev</c> with its
/// body, deleted flag and other attachments, plus the uploaded one first (replacing its namesake) or
/// minus the named one. Without a rev it makes a new document holding just the upload (after a
/// deletion too); an existing live document without a rev, or a rev that is not a leaf, is 409.
/// </summary>
internal sealed class AttachmentUpdateOp(string docId, Rev? rev, string name, AttachmentUpload? upload) : WriteOp<Rev>
{
    public override IEnumerable<string> DocIds => [docId];

    protected override Rev Run(WriteBatch batch)
    {
        var info = batch.Get(docId);
        Rev? parent;
        RevBody? parentBody = null;
        if (rev is { } given)
        {
            if (info is null || !info.Tree.IsLeaf(given)) throw CouchException.Conflict();
            parent = given;
            parentBody = info.Tree.Find(given)!.Value;
        }
        else if (info is { Deleted: false }) throw CouchException.Conflict();
        else parent = info?.Winner.Rev;

        long pos = (parent?.Pos ?? 0) + 1;
        var atts = new List<AttachmentInfo>((parentBody?.Attachments.Length ?? 0) + 1);
        if (upload is not null) atts.Add(upload.Resolve(batch.File, pos));
        foreach (var att in parentBody?.Attachments ?? [])
            if (att.Name != name) atts.Add(att);

        bool deleted = parentBody?.Deleted ?? false;
        byte[] body = parentBody is { BodyPointer: not RevBody.NoBody } ? batch.File.Read(parentBody.BodyPointer) : "{}"u8.ToArray();
        string hash = RevHasher.NewHash(deleted, parent, body, atts.Select(a => (a.Name, a.Digest)));
        var (pointer, diskSize) = batch.AppendBody(body);
        var revBody = new RevBody { Deleted = deleted, BodyPointer = pointer, BodySize = body.Length, DiskSize = diskSize, Attachments = [.. atts] };
        info ??= new DocInfo(docId, 0, new RevTree<RevBody>());
        info.Tree.Merge(pos, parent is { } p ? [hash, p.Hash] : [hash], revBody, batch.Header.RevsLimit);
        batch.Changed(info, revBody);
        return new Rev(pos, hash);
    }
}
