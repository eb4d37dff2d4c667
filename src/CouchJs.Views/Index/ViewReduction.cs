using CouchJs.Storage.BTrees;
using CouchJs.Storage.Encoding;

namespace CouchJs.Views.Index;

/// <summary>
/// What every view subtree keeps (couch_mrview's <c>{Count, UserReductions, ExternalSize}</c>): its row
/// count (total_rows, offsets), the bytes of its keys and values (the index's external size) and one
/// reduction per named reduce, UTF-8 JSON. A query that needs one reduce fills only that slot; an
/// empty slot was not computed.
/// </summary>
public sealed class ViewReduction(long count, long externalSize, ReadOnlyMemory<byte>[] user)
{
    public static readonly ViewReduction Empty = new(0, 0, []);

    public long Count { get; } = count;

    public long ExternalSize { get; } = externalSize;

    public ReadOnlyMemory<byte>[] User { get; } = user;
}

public sealed class ViewReductionCodec : INodeCodec<ViewReduction>
{
    public static readonly ViewReductionCodec Instance = new();

    public void Write(BufferWriter writer, ViewReduction value)
    {
        writer.WriteVarUInt((ulong)value.Count);
        writer.WriteVarUInt((ulong)value.ExternalSize);
        writer.WriteVarUInt((ulong)value.User.Length);
        foreach (var reduction in value.User) writer.WriteLengthPrefixed(reduction.Span);
    }

    public ViewReduction Read(ref BufferReader reader)
    {
        long count = (long)reader.ReadVarUInt();
        long size = (long)reader.ReadVarUInt();
        int n = checked((int)reader.ReadVarUInt());
        var user = n == 0 ? [] : new ReadOnlyMemory<byte>[n];
        for (int i = 0; i < n; i++) user[i] = reader.ReadLengthPrefixed();
        return new ViewReduction(count, size, user);
    }
}
