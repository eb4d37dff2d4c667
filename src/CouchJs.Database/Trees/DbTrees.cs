using CouchJs.Database.Model;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Database;
using CouchJs.Storage.Files;

namespace CouchJs.Database.Trees;

/// <summary>
/// The trees of one header version, opened on the file its pointers lead into. Cheap to make:
/// opening a tree reads nothing until it is walked.
/// </summary>
public sealed class DbTrees
{
    public static readonly BTreeSpec<ReadOnlyMemory<byte>, DocInfo, IdReduction> ByIdSpec =
        new(BytewiseComparer.Instance, BytesCodec.Instance, DocInfoCodec.Instance, IdReductionCodec.Instance, IdReducer.Instance);

    public static readonly BTreeSpec<long, SeqEntry, long> BySeqSpec =
        new(Comparer<long>.Default, Int64Codec.Instance, SeqEntryCodec.Instance, Int64Codec.Instance, CountReducer<long, SeqEntry>.Instance);

    public static readonly BTreeSpec<ReadOnlyMemory<byte>, LocalDoc, NoReduction> LocalSpec =
        new(BytewiseComparer.Instance, BytesCodec.Instance, LocalDocCodec.Instance, NoReduction.Codec, NoReducer<ReadOnlyMemory<byte>, LocalDoc>.Instance);

    public static readonly BTreeSpec<long, PurgeInfo, long> PurgeSeqSpec =
        new(Comparer<long>.Default, Int64Codec.Instance, PurgeInfoCodec.Instance, Int64Codec.Instance, CountReducer<long, PurgeInfo>.Instance);

    public DbTrees(CouchFile file, DbHeader header)
    {
        ById = BTree<ReadOnlyMemory<byte>, DocInfo, IdReduction>.Open(file, ByIdSpec, header.Root(DbTree.ById));
        BySeq = BTree<long, SeqEntry, long>.Open(file, BySeqSpec, header.Root(DbTree.BySeq));
        Local = BTree<ReadOnlyMemory<byte>, LocalDoc, NoReduction>.Open(file, LocalSpec, header.Root(DbTree.Local));
        PurgeSeq = BTree<long, PurgeInfo, long>.Open(file, PurgeSeqSpec, header.Root(DbTree.PurgeSeq));
    }

    public BTree<ReadOnlyMemory<byte>, DocInfo, IdReduction> ById { get; }

    public BTree<long, SeqEntry, long> BySeq { get; }

    public BTree<ReadOnlyMemory<byte>, LocalDoc, NoReduction> Local { get; }

    public BTree<long, PurgeInfo, long> PurgeSeq { get; }
}
