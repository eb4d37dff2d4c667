using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Writing;

/// <summary>
/// Writes documents: interactive edits (<c>new_edits=true</c>: the rev must be a current leaf, a new
/// rev is made) or replicated revisions (<c>new_edits=false</c>: the given rev path is merged as is,
/// conflicts allowed), as couch_db:update_docs does.
/// </summary>
internal sealed class DocUpdateOp(IReadOnlyList<IncomingDoc> docs, bool newEdits) : WriteOp<DocUpdateResult[]>
{
    public override IEnumerable<string> DocIds => docs.Select(d => d.Id!);

    protected override DocUpdateResult[] Run(WriteBatch batch)
    {
        var results = new DocUpdateResult[docs.Count];
        for (int i = 0; i < docs.Count; i++)
        {
            var doc = docs[i];
            try
            {
                results[i] = newEdits ? Edit(batch, doc) : Replicate(batch, doc);
            }
            catch (CouchException error)
            {
                results[i] = new DocUpdateResult(doc.Id!, null, error);
            }
        }
        return results;
    }

    private static DocUpdateResult Edit(WriteBatch batch, IncomingDoc doc)
    {
        string id = doc.Id!;
        var info = batch.Get(id);
        Rev? parent;
        if (doc.HasRev)
        {
            var rev = new Rev(doc.RevPos, doc.RevHashes[0]);
            if (info is null || !info.Tree.IsLeaf(rev)) throw CouchException.Conflict();
            parent = rev;
        }
        else if (info is null) parent = null;
        else if (info.Deleted) parent = info.Winner.Rev;
        else throw CouchException.Conflict();

        var parentBody = parent is { } p ? info!.Tree.Find(p)?.Value : null;
        long pos = (parent?.Pos ?? 0) + 1;
        var atts = ResolveAttachments(batch, doc, parentBody, pos, hasParent: parent is not null);
        string hash = RevHasher.NewHash(doc.Deleted, parent, doc.Body, atts.Select(a => (a.Name, a.Digest)));
        var body = WriteBody(batch, doc, atts);
        info ??= new DocInfo(id, 0, new RevTree<RevBody>());
        string[] path = parent is { } pr ? [hash, pr.Hash] : [hash];
        info.Tree.Merge(pos, path, body, batch.Header.RevsLimit);
        batch.Changed(info, body);
        return new DocUpdateResult(id, new Rev(pos, hash), null);
    }

    private static DocUpdateResult Replicate(WriteBatch batch, IncomingDoc doc)
    {
        string id = doc.Id!;
        if (!doc.HasRev) throw CouchException.BadRequest("Document is missing its revision (_rev or _revisions) for new_edits=false");
        var rev = new Rev(doc.RevPos, doc.RevHashes[0]);
        var info = batch.Get(id);
        if (info is not null && info.Tree.Find(rev)?.Value is not null) return new DocUpdateResult(id, rev, null);

        // Stubs refer to the newest ancestor of the replicated revision that this database has.
        RevBody? ancestor = null;
        for (int i = 1; i < doc.RevHashes.Count && info is not null && ancestor is null; i++)
            ancestor = info.Tree.Find(new Rev(doc.RevPos - i, doc.RevHashes[i]))?.Value;
        var atts = ResolveAttachments(batch, doc, ancestor, doc.RevPos, hasParent: ancestor is not null);
        var body = WriteBody(batch, doc, atts);
        info ??= new DocInfo(id, 0, new RevTree<RevBody>());
        info.Tree.Merge(doc.RevPos, doc.RevHashes, body, batch.Header.RevsLimit);
        batch.Changed(info, body);
        return new DocUpdateResult(id, rev, null);
    }

    private static RevBody WriteBody(WriteBatch batch, IncomingDoc doc, AttachmentInfo[] atts)
    {
        var (pointer, diskSize) = batch.AppendBody(doc.Body);
        return new RevBody { Deleted = doc.Deleted, BodyPointer = pointer, BodySize = doc.Body.Length, DiskSize = diskSize, Attachments = atts };
    }

    private static AttachmentInfo[] ResolveAttachments(WriteBatch batch, IncomingDoc doc, RevBody? parentBody, long pos, bool hasParent)
    {
        if (doc.Attachments is not { Count: > 0 } incoming) return [];
        var result = new AttachmentInfo[incoming.Count];
        for (int i = 0; i < incoming.Count; i++)
        {
            var att = incoming[i];
            if (att.Stub)
            {
                if (!hasParent) throw MissingStub($"Previous revision missing for document {doc.Id}");
                var stored = parentBody?.Attachments.FirstOrDefault(a => a.Name == att.Name);
                if (stored is null || (att.RevPos is { } revPos && revPos != stored.RevPos))
                    throw MissingStub($"Invalid attachment stub in {doc.Id} for {att.Name}");
                result[i] = stored;
            }
            else if (att.Upload is { } upload)
            {
                result[i] = upload.Resolve(batch.File, pos);
            }
            else if (att.Stored is { } carried)
            {
                result[i] = att.StoredIn is { } source && !ReferenceEquals(source, batch.File) ? CopyChunks(carried, source, batch.File) : carried;
            }
            else if (att.Data is { } data)
            {
                result[i] = Attachments.AttachmentStore.Write(batch.File, batch.Options, att.Name, att.ContentType, data, pos);
            }
            else
            {
                throw CouchException.BadRequest($"Attachment {att.Name} follows, but no data arrived for it");
            }
        }
        return result;
    }

    private static AttachmentInfo CopyChunks(AttachmentInfo att, Storage.Files.CouchFile source, Storage.Files.CouchFile target)
    {
        var chunks = new long[att.Chunks.Length];
        for (int i = 0; i < chunks.Length; i++) chunks[i] = target.Append(source.ReadMemory(att.Chunks[i]).Span).Position;
        return att with { Chunks = chunks };
    }

    private static CouchException MissingStub(string reason) => new(412, "missing_stub", reason);
}
