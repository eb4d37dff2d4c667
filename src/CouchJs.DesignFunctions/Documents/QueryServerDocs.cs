using System.Buffers;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;

namespace CouchJs.DesignFunctions.Documents;

/// <summary>
/// Documents as query servers get them, couch_doc:to_json_obj in the orders CouchDB writes them:
/// stored revisions as couch_query_servers:json_doc does (<c>_revisions</c> cut to
/// <c>[query_server_config] revs_limit</c> ids, and <c>_conflicts</c> when the document was opened
/// with them), and an edit being validated with its full <c>_revisions</c> and its attachments as
/// stubs (a stub sent by the client stands for the stored attachment, as couch_doc:merge_stubs makes it).
/// </summary>
public sealed class QueryServerDocs(int revsLimit)
{
    private readonly DocRenderOptions _plain = new() { Revs = true, RevsLimit = revsLimit };
    private readonly DocRenderOptions _withConflicts = new() { Revs = true, RevsLimit = revsLimit, Conflicts = true };

    /// <summary>couch_query_servers' default: 20.</summary>
    public const int DefaultRevsLimit = 20;

    /// <summary>A stored revision; with <paramref name="conflicts"/> the winner's <c>_conflicts</c> too.</summary>
    public byte[] Stored(DbReader reader, DocInfo info, RevLeaf<RevBody> leaf, bool conflicts) =>
        DocJsonWriter.Render(reader, info, leaf, conflicts ? _withConflicts : _plain);

    /// <summary>
    /// couch_doc:to_json_obj(Doc, [revs]) of each edit: <c>_id</c>, <c>_rev</c> (the revision it
    /// replaces), the body, <c>_deleted</c>, <c>_revisions</c>, <c>_attachments</c> as stubs.
    /// <paramref name="stored"/> are the edited revisions' attachments, which client stubs stand for.
    /// All are written into one buffer, as a bulk write validates them together.
    /// </summary>
    public static ReadOnlyMemory<byte>[] Edits(IReadOnlyList<IncomingDoc> docs, IReadOnlyList<IReadOnlyList<AttachmentInfo>> stored)
    {
        long bytes = 0;
        foreach (var doc in docs) bytes += doc.Body.Length + 128;
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(bytes, Array.MaxLength));
        var ends = new int[docs.Count];
        using var w = new Utf8JsonWriter(buffer, FunctionJson.WriterOptions);
        for (int i = 0; i < docs.Count; i++)
        {
            w.Reset(buffer);
            WriteEdit(w, buffer, docs[i], stored[i]);
            ends[i] = buffer.WrittenCount;
        }
        // Sliced once all are written: the buffer may have moved while it grew.
        var edits = new ReadOnlyMemory<byte>[docs.Count];
        for (int i = 0, start = 0; i < edits.Length; start = ends[i++]) edits[i] = buffer.WrittenMemory[start..ends[i]];
        return edits;
    }

    private static void WriteEdit(Utf8JsonWriter w, ArrayBufferWriter<byte> buffer, IncomingDoc doc, IReadOnlyList<AttachmentInfo> stored)
    {
        w.WriteStartObject();
        w.WriteString("_id"u8, doc.Id);
        if (doc.HasRev) w.WriteString("_rev"u8, new Rev(doc.RevPos, doc.RevHashes[0]).ToString());
        w.Flush();
        if (doc.Body.Length > 2)
        {
            // The body's members follow as stored: compact JSON, spliced in after a separator.
            buffer.Write(","u8);
            buffer.Write(doc.Body.AsSpan(1, doc.Body.Length - 2));
        }
        if (doc.Deleted) w.WriteBoolean("_deleted"u8, true);
        if (doc.HasRev)
        {
            w.WritePropertyName("_revisions"u8);
            DocJsonWriter.WriteRevisions(w, doc.RevPos, doc.RevHashes);
        }
        if (doc.Attachments is { Count: > 0 } attachments)
        {
            w.WriteStartObject("_attachments"u8);
            foreach (var att in attachments) WriteStub(w, att, stored);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.Flush();
    }

    // couch_att:to_json without data: content_type, revpos, digest (when known), length, stub.
    private static void WriteStub(Utf8JsonWriter w, IncomingAttachment att, IReadOnlyList<AttachmentInfo> stored)
    {
        var known = att.Stored ?? (att.Stub ? stored.FirstOrDefault(s => s.Name == att.Name) : null);
        w.WriteStartObject(att.Name);
        w.WriteString("content_type"u8, known?.ContentType ?? att.ContentType);
        w.WriteNumber("revpos"u8, known?.RevPos ?? att.RevPos ?? 0);
        if ((known?.Digest ?? att.Digest) is { } digest) w.WriteString("digest"u8, digest);
        w.WriteNumber("length"u8, known?.Length ?? att.Length ?? att.Data?.Length ?? 0);
        w.WriteBoolean("stub"u8, true);
        w.WriteEndObject();
    }
}
