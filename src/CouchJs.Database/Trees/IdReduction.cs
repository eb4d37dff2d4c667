using CouchJs.Database.Model;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Encoding;

namespace CouchJs.Database.Trees;

/// <summary>The by-id tree's reduction: doc_count, doc_del_count and sizes, read off the root for database info.</summary>
public readonly record struct IdReduction(long DocCount, long DelCount, long Active, long External);

internal sealed class IdReducer : IReducer<ReadOnlyMemory<byte>, DocInfo, IdReduction>
{
    public static readonly IdReducer Instance = new();

    public IdReduction Reduce(ReadOnlySpan<ReadOnlyMemory<byte>> keys, ReadOnlySpan<DocInfo> values)
    {
        long count = 0, deleted = 0, active = 0, external = 0;
        foreach (var info in values)
        {
            if (info.Deleted) deleted++;
            else count++;
            var (a, e) = info.Sizes();
            active += a;
            external += e;
        }
        return new IdReduction(count, deleted, active, external);
    }

    public IdReduction Rereduce(ReadOnlySpan<IdReduction> reductions)
    {
        long count = 0, deleted = 0, active = 0, external = 0;
        foreach (var r in reductions)
        {
            count += r.DocCount;
            deleted += r.DelCount;
            active += r.Active;
            external += r.External;
        }
        return new IdReduction(count, deleted, active, external);
    }
}

internal sealed class IdReductionCodec : INodeCodec<IdReduction>
{
    public static readonly IdReductionCodec Instance = new();

    public void Write(BufferWriter writer, IdReduction value)
    {
        writer.WriteVarUInt((ulong)value.DocCount);
        writer.WriteVarUInt((ulong)value.DelCount);
        writer.WriteVarUInt((ulong)value.Active);
        writer.WriteVarUInt((ulong)value.External);
    }

    public IdReduction Read(ref BufferReader reader) =>
        new((long)reader.ReadVarUInt(), (long)reader.ReadVarUInt(), (long)reader.ReadVarUInt(), (long)reader.ReadVarUInt());
}
