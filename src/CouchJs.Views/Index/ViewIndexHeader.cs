using CouchJs.Storage.BTrees;
using CouchJs.Storage.Encoding;

namespace CouchJs.Views.Index;

/// <summary>
/// The index file's header (couch_mrview's <c>{Sig, #mrheader{}}</c>): the signature it was built
/// for, the database update seq and purge seq it reflects, the id tree's root and one root per view
/// tree, in the design doc's view order. Layout: version byte, signature, seqs as varints, roots.
/// </summary>
public sealed record ViewIndexHeader(string Signature, long UpdateSeq, long PurgeSeq, StoredRoot? IdRoot, StoredRoot?[] ViewRoots)
{
    private const byte Version = 1;

    public static ViewIndexHeader Empty(string signature, int viewCount, long purgeSeq) =>
        new(signature, 0, purgeSeq, null, new StoredRoot?[viewCount]);

    public byte[] Encode()
    {
        var w = new BufferWriter(128);
        w.WriteByte(Version);
        w.WriteString(Signature);
        w.WriteVarUInt((ulong)UpdateSeq);
        w.WriteVarUInt((ulong)PurgeSeq);
        StoredRoot.Write(w, IdRoot);
        w.WriteVarUInt((ulong)ViewRoots.Length);
        foreach (var root in ViewRoots) StoredRoot.Write(w, root);
        return w.ToArray();
    }

    /// <summary>Decodes a header; null when it is not one this version wrote (the index is then rebuilt).</summary>
    public static ViewIndexHeader? Decode(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var r = new BufferReader(bytes);
            if (r.ReadByte() != Version) return null;
            string signature = r.ReadString();
            long seq = (long)r.ReadVarUInt();
            long purgeSeq = (long)r.ReadVarUInt();
            var idRoot = StoredRoot.Read(ref r);
            var roots = new StoredRoot?[checked((int)r.ReadVarUInt())];
            for (int i = 0; i < roots.Length; i++) roots[i] = StoredRoot.Read(ref r);
            return new ViewIndexHeader(signature, seq, purgeSeq, idRoot, roots);
        }
        catch (Exception e) when (e is InvalidDataException or OverflowException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
