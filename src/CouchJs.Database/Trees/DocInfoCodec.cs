using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Encoding;

namespace CouchJs.Database.Trees;

/// <summary>
/// Layout of a by-id value: id, update seq, the summary reductions need (winner deleted, active and
/// external sizes, so they never walk the tree), then the revision tree whose nodes carry a
/// <see cref="RevBody"/> (deleted, body pointer, sizes, seq, attachments).
/// </summary>
internal sealed class DocInfoCodec : INodeCodec<DocInfo>
{
    public static readonly DocInfoCodec Instance = new();

    private static readonly Action<BufferWriter, RevBody> WriteBody = WriteRevBody;
    private static readonly RevValueReader<RevBody> ReadBody = ReadRevBody;

    public void Write(BufferWriter writer, DocInfo value)
    {
        writer.WriteString(value.Id);
        writer.WriteVarUInt((ulong)value.UpdateSeq);
        var (active, external) = value.Sizes();
        writer.WriteByte(value.Deleted ? (byte)1 : (byte)0);
        writer.WriteVarUInt((ulong)active);
        writer.WriteVarUInt((ulong)external);
        value.Tree.Write(writer, WriteBody);
    }

    public DocInfo Read(ref BufferReader reader)
    {
        string id = reader.ReadString();
        long seq = (long)reader.ReadVarUInt();
        bool deleted = reader.ReadByte() == 1;
        long active = (long)reader.ReadVarUInt();
        long external = (long)reader.ReadVarUInt();
        return new DocInfo(id, seq, RevTree<RevBody>.Read(ref reader, ReadBody), deleted, active, external);
    }

    private static void WriteRevBody(BufferWriter writer, RevBody body)
    {
        writer.WriteByte(body.Deleted ? (byte)1 : (byte)0);
        writer.WriteVarInt(body.BodyPointer);
        writer.WriteVarUInt((ulong)body.BodySize);
        writer.WriteVarUInt((ulong)body.DiskSize);
        writer.WriteVarUInt((ulong)body.Seq);
        writer.WriteVarUInt((ulong)body.Attachments.Length);
        foreach (var att in body.Attachments) WriteAttachment(writer, att);
    }

    private static RevBody ReadRevBody(ref BufferReader reader)
    {
        bool deleted = reader.ReadByte() == 1;
        long pointer = reader.ReadVarInt();
        int bodySize = (int)reader.ReadVarUInt();
        int diskSize = (int)reader.ReadVarUInt();
        long seq = (long)reader.ReadVarUInt();
        var atts = new AttachmentInfo[(int)reader.ReadVarUInt()];
        for (int i = 0; i < atts.Length; i++) atts[i] = ReadAttachment(ref reader);
        return new RevBody { Deleted = deleted, BodyPointer = pointer, BodySize = bodySize, DiskSize = diskSize, Seq = seq, Attachments = atts };
    }

    private static void WriteAttachment(BufferWriter writer, AttachmentInfo att)
    {
        writer.WriteString(att.Name);
        writer.WriteString(att.ContentType);
        writer.WriteVarUInt((ulong)att.Length);
        writer.WriteVarUInt((ulong)att.EncodedLength);
        writer.WriteString(att.Digest);
        writer.WriteVarUInt((ulong)att.RevPos);
        writer.WriteString(att.Encoding ?? "");
        writer.WriteVarUInt((ulong)att.Chunks.Length);
        foreach (long chunk in att.Chunks) writer.WriteVarUInt((ulong)chunk);
    }

    private static AttachmentInfo ReadAttachment(ref BufferReader reader)
    {
        string name = reader.ReadString();
        string type = reader.ReadString();
        long length = (long)reader.ReadVarUInt();
        long encodedLength = (long)reader.ReadVarUInt();
        string digest = reader.ReadString();
        long revPos = (long)reader.ReadVarUInt();
        string encoding = reader.ReadString();
        var chunks = new long[(int)reader.ReadVarUInt()];
        for (int i = 0; i < chunks.Length; i++) chunks[i] = (long)reader.ReadVarUInt();
        return new AttachmentInfo(name, type, length, encodedLength, digest, revPos, encoding.Length == 0 ? null : encoding, chunks);
    }
}
