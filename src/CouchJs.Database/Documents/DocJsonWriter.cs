using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CouchJs.Database.Attachments;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Documents;

/// <summary>
/// Renders a stored revision as CouchDB does (couch_doc:to_json_obj): <c>_id</c>, <c>_rev</c>, the body
/// members, <c>_deleted</c>, <c>_revisions</c>, then <c>_revs_info</c>, <c>_local_seq</c>,
/// <c>_conflicts</c>, <c>_deleted_conflicts</c>, and <c>_attachments</c> last. The stored body is
/// spliced in as bytes, never re-parsed.
/// </summary>
public static class DocJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static byte[] Render(DbReader reader, DocInfo info, RevLeaf<RevBody> leaf, DocRenderOptions options)
    {
        var rev = leaf.Rev;
        var body = leaf.Value is { } b ? reader.ReadBody(b) : "{}"u8.ToArray();
        var buffer = new ArrayBufferWriter<byte>(body.Length + 128);
        using var w = new Utf8JsonWriter(buffer, Options);

        buffer.Write("{\"_id\":"u8);
        Value(w, buffer, x => x.WriteStringValue(info.Id));
        buffer.Write(",\"_rev\":"u8);
        Value(w, buffer, x => x.WriteStringValue(rev.ToString()));
        if (body.Length > 2)
        {
            buffer.Write(","u8);
            buffer.Write(body.AsSpan(1, body.Length - 2));
        }
        if (DocInfo.IsDeleted(leaf.Value)) buffer.Write(",\"_deleted\":true"u8);
        if (options.Revs)
        {
            buffer.Write(",\"_revisions\":"u8);
            var hashes = leaf.PathHashes.Count > options.RevsLimit ? leaf.PathHashes.Take(options.RevsLimit).ToList() : leaf.PathHashes;
            Value(w, buffer, x => WriteRevisions(x, rev.Pos, hashes));
        }
        if (options.RevsInfo)
        {
            buffer.Write(",\"_revs_info\":"u8);
            Value(w, buffer, x => WriteRevsInfo(x, info, rev.Pos, leaf.PathHashes));
        }
        if (options.LocalSeq)
        {
            buffer.Write(",\"_local_seq\":"u8);
            Value(w, buffer, x => x.WriteNumberValue(info.UpdateSeq));
        }
        if (options.Conflicts || options.DeletedConflicts) WriteConflicts(w, buffer, info, options);
        var atts = leaf.Value?.Attachments ?? [];
        if (atts.Length > 0)
        {
            buffer.Write(",\"_attachments\":"u8);
            Value(w, buffer, x => WriteAttachments(x, reader, atts, leaf, options));
        }
        buffer.Write("}"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The <c>_revisions</c> object: start and the path's hashes, newest first.</summary>
    public static void WriteRevisions(Utf8JsonWriter w, long start, IReadOnlyList<string> hashes)
    {
        w.WriteStartObject();
        w.WriteNumber("start", start);
        w.WriteStartArray("ids");
        foreach (string hash in hashes) w.WriteStringValue(hash);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRevsInfo(Utf8JsonWriter w, DocInfo info, long start, IReadOnlyList<string> hashes)
    {
        w.WriteStartArray();
        for (int i = 0; i < hashes.Count; i++)
        {
            var rev = new Rev(start - i, hashes[i]);
            var value = info.Tree.Find(rev)?.Value;
            w.WriteStartObject();
            w.WriteString("rev", rev.ToString());
            w.WriteString("status", value is null || value.BodyPointer == RevBody.NoBody ? "missing" : value.Deleted ? "deleted" : "available");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteConflicts(Utf8JsonWriter w, ArrayBufferWriter<byte> buffer, DocInfo info, DocRenderOptions options)
    {
        var leaves = info.SortedLeaves();
        var winner = leaves[0].Rev;
        var conflicts = leaves.Where(l => l.Rev != winner && !DocInfo.IsDeleted(l.Value)).Select(l => l.Rev.ToString()).ToList();
        var deleted = leaves.Where(l => l.Rev != winner && DocInfo.IsDeleted(l.Value)).Select(l => l.Rev.ToString()).ToList();
        if (options.Conflicts && conflicts.Count > 0)
        {
            buffer.Write(",\"_conflicts\":"u8);
            Value(w, buffer, x => StringArray(x, conflicts));
        }
        if (options.DeletedConflicts && deleted.Count > 0)
        {
            buffer.Write(",\"_deleted_conflicts\":"u8);
            Value(w, buffer, x => StringArray(x, deleted));
        }
    }

    /// <summary>
    /// The attachments a rendering carries data for (inline or following in multipart parts), in
    /// document order: none without <c>attachments</c>/<c>follows</c>, else those newer than <c>atts_since</c>.
    /// </summary>
    public static List<AttachmentInfo> AttachmentsWithData(RevLeaf<RevBody> leaf, DocRenderOptions options)
    {
        var result = new List<AttachmentInfo>();
        if ((!options.Attachments && !options.Follows) || leaf.Value is not { } body) return result;
        long sincePos = AttsSincePos(leaf, options.AttsSince);
        foreach (var att in body.Attachments)
            if (att.RevPos > sincePos) result.Add(att);
        return result;
    }

    private static void WriteAttachments(Utf8JsonWriter w, DbReader reader, AttachmentInfo[] atts, RevLeaf<RevBody> leaf, DocRenderOptions options)
    {
        long sincePos = AttsSincePos(leaf, options.AttsSince);
        w.WriteStartObject();
        foreach (var att in atts)
        {
            w.WriteStartObject(att.Name);
            w.WriteString("content_type", att.ContentType);
            w.WriteNumber("revpos", att.RevPos);
            w.WriteString("digest", att.Digest);
            bool withData = (options.Attachments || options.Follows) && att.RevPos > sincePos;
            if (!withData)
            {
                w.WriteNumber("length", att.Length);
                w.WriteBoolean("stub", true);
            }
            else if (options.Follows)
            {
                w.WriteNumber("length", att.Length);
                w.WriteBoolean("follows", true);
            }
            else
            {
                using var data = AttachmentStore.OpenIdentity(reader.File, att);
                var bytes = new MemoryStream((int)Math.Min(att.Length, int.MaxValue));
                data.CopyTo(bytes);
                w.WriteBase64String("data", bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
            }
            if (options.AttEncodingInfo && att.Encoding is { } encoding)
            {
                w.WriteString("encoding", encoding);
                w.WriteNumber("encoded_length", att.EncodedLength);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    // atts_since: attachments with revpos at or below the newest given rev that is an ancestor of this leaf stay stubs.
    private static long AttsSincePos(RevLeaf<RevBody> leaf, IReadOnlyList<Rev>? since)
    {
        if (since is null) return 0;
        long best = 0;
        foreach (var rev in since)
        {
            long index = leaf.Rev.Pos - rev.Pos;
            if (index >= 0 && index < leaf.PathHashes.Count && leaf.PathHashes[(int)index] == rev.Hash) best = Math.Max(best, rev.Pos);
        }
        return best;
    }

    private static void StringArray(Utf8JsonWriter w, List<string> values)
    {
        w.WriteStartArray();
        foreach (string value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    // Writes one standalone JSON value into the buffer (the writer is reset so it carries no state from the last).
    private static void Value(Utf8JsonWriter w, ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> write)
    {
        w.Reset(buffer);
        write(w);
        w.Flush();
    }
}
