using System.Text;
using CouchJs.Database.Attachments;
using CouchJs.Storage.BTrees;

namespace CouchJs.Database.Tests.Maintenance;

/// <summary>
/// Everything a client can read from a database, as text: each document's rev tree, every leaf with
/// its body and attachment data, local docs, security, limits, seqs and counts. Two dumps are equal
/// when no read could tell the databases apart (purge info uuids aside, which are never shown).
/// </summary>
internal static class DbDump
{
    public static string Of(CouchDatabase db)
    {
        using var reader = db.OpenReader();
        var text = new StringBuilder();
        var header = reader.Header;
        var counts = reader.Counts;
        text.AppendLine($"update_seq={header.UpdateSeq} purge_seq={header.PurgeSeq} revs_limit={header.RevsLimit} purged_infos_limit={header.PurgeInfosLimit}");
        text.AppendLine($"doc_count={counts.DocCount} doc_del_count={counts.DelCount} external={counts.External}");
        text.AppendLine("security=" + Encoding.UTF8.GetString(reader.Security));
        foreach (var info in reader.AllDocs(KeyRange<ReadOnlyMemory<byte>>.All, descending: false))
        {
            text.AppendLine($"doc {info.Id} seq={info.UpdateSeq}");
            info.Tree.ForEachNode((rev, _, isLeaf) => text.AppendLine($"  node {rev}{(isLeaf ? " leaf" : "")}"));
            foreach (var leaf in info.SortedLeaves())
            {
                var body = leaf.Value!;
                text.AppendLine($"  leaf {leaf.Rev} deleted={body.Deleted} {Encoding.UTF8.GetString(reader.ReadBody(body))}");
                foreach (var att in body.Attachments)
                {
                    using var data = AttachmentStore.OpenIdentity(reader.File, att);
                    using var copy = new MemoryStream();
                    data.CopyTo(copy);
                    text.AppendLine($"    att {att.Name} {att.ContentType} {att.Digest} revpos={att.RevPos} {Convert.ToHexString(copy.ToArray())}");
                }
            }
        }
        foreach (var (seq, entry) in reader.Changes(0, descending: false))
            text.AppendLine($"change {seq} {entry.Id} {string.Join(",", entry.Leaves.Select(l => l.Rev + (l.Deleted ? "-" : "")))}");
        foreach (var local in reader.LocalDocs(KeyRange<ReadOnlyMemory<byte>>.All, descending: false))
            text.AppendLine($"local {local.Id} 0-{local.Rev} {Encoding.UTF8.GetString(local.Body)}");
        foreach (var (seq, info) in reader.Trees.PurgeSeq.Enumerate())
            text.AppendLine($"purged {seq} {info.DocId} {string.Join(",", info.Revs)}");
        return text.ToString();
    }
}
