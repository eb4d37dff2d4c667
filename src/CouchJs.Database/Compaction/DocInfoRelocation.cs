using CouchJs.Database.Model;
using CouchJs.Storage.Database.Compaction;

namespace CouchJs.Database.Compaction;

/// <summary>
/// How compaction copies a by-id entry (couch_bt_engine_compactor:copy_docs): leaf bodies and their
/// attachments move to the new file, the bodies of non-leaf revisions are dropped (CouchDB's
/// ?REV_MISSING: <c>revs_info</c> then says "missing"), and the tree is stemmed to <c>_revs_limit</c>.
/// </summary>
internal static class DocInfoRelocation
{
    public static Func<DocInfo, CompactionContext, DocInfo> For(int revsLimit) =>
        (info, context) => Relocate(info, context, revsLimit);

    private static DocInfo Relocate(DocInfo info, CompactionContext context, int revsLimit)
    {
        // A copy: the entry may be shared with readers of the source, which must not see it change.
        var tree = info.Tree.Clone(body => body);
        tree.ForEachNode((_, node, isLeaf) => node.Value = isLeaf && node.Value is { } body ? CopyLeaf(body, context) : null);
        tree.Stem(revsLimit);
        return new DocInfo(info.Id, info.UpdateSeq, tree);
    }

    private static RevBody CopyLeaf(RevBody body, CompactionContext context)
    {
        long pointer = body.BodyPointer;
        int diskSize = 0;
        if (pointer != RevBody.NoBody)
        {
            // Bodies belong to one revision each, so they skip CopyChunk's shared-chunk map; their
            // size is measured again, as the target may compress differently.
            (pointer, diskSize) = context.Target.Append(context.Source.Read(pointer));
        }
        var attachments = new AttachmentInfo[body.Attachments.Length];
        for (int i = 0; i < attachments.Length; i++)
        {
            var att = body.Attachments[i];
            var chunks = new long[att.Chunks.Length];
            for (int c = 0; c < chunks.Length; c++) chunks[c] = context.CopyChunk(att.Chunks[c]);
            attachments[i] = att with { Chunks = chunks };
        }
        return new RevBody
        {
            Deleted = body.Deleted,
            BodyPointer = pointer,
            BodySize = body.BodySize,
            DiskSize = diskSize,
            Seq = body.Seq,
            Attachments = attachments,
        };
    }
}
