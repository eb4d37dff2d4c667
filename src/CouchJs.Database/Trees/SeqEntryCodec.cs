using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Encoding;

namespace CouchJs.Database.Trees;

/// <summary>Layout of a by-seq value: id, then each leaf as (pos, hash, deleted), the winner first.</summary>
internal sealed class SeqEntryCodec : INodeCodec<SeqEntry>
{
    public static readonly SeqEntryCodec Instance = new();

    public void Write(BufferWriter writer, SeqEntry value)
    {
        writer.WriteString(value.Id);
        writer.WriteVarUInt((ulong)value.Leaves.Length);
        foreach (var leaf in value.Leaves)
        {
            writer.WriteVarUInt((ulong)leaf.Rev.Pos);
            writer.WriteString(leaf.Rev.Hash);
            writer.WriteByte(leaf.Deleted ? (byte)1 : (byte)0);
        }
    }

    public SeqEntry Read(ref BufferReader reader)
    {
        string id = reader.ReadString();
        var leaves = new SeqLeaf[(int)reader.ReadVarUInt()];
        for (int i = 0; i < leaves.Length; i++)
        {
            long pos = (long)reader.ReadVarUInt();
            string hash = reader.ReadString();
            leaves[i] = new SeqLeaf(new Rev(pos, hash), reader.ReadByte() == 1);
        }
        return new SeqEntry(id, leaves);
    }
}

internal sealed class LocalDocCodec : INodeCodec<LocalDoc>
{
    public static readonly LocalDocCodec Instance = new();

    public void Write(BufferWriter writer, LocalDoc value)
    {
        writer.WriteString(value.Id);
        writer.WriteVarUInt((ulong)value.Rev);
        writer.WriteLengthPrefixed(value.Body);
    }

    public LocalDoc Read(ref BufferReader reader) =>
        new(reader.ReadString(), (long)reader.ReadVarUInt(), reader.ReadLengthPrefixed().ToArray());
}

internal sealed class PurgeInfoCodec : INodeCodec<PurgeInfo>
{
    public static readonly PurgeInfoCodec Instance = new();

    public void Write(BufferWriter writer, PurgeInfo value)
    {
        writer.WriteVarUInt((ulong)value.PurgeSeq);
        writer.WriteString(value.Uuid);
        writer.WriteString(value.DocId);
        writer.WriteVarUInt((ulong)value.Revs.Length);
        foreach (string rev in value.Revs) writer.WriteString(rev);
    }

    public PurgeInfo Read(ref BufferReader reader)
    {
        long seq = (long)reader.ReadVarUInt();
        string uuid = reader.ReadString();
        string id = reader.ReadString();
        var revs = new string[(int)reader.ReadVarUInt()];
        for (int i = 0; i < revs.Length; i++) revs[i] = reader.ReadString();
        return new PurgeInfo(seq, uuid, id, revs);
    }
}
