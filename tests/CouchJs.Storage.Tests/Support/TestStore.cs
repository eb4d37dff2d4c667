using CouchJs.Storage.BTrees;
using CouchJs.Storage.Database;
using CouchJs.Storage.Database.Compaction;
using CouchJs.Storage.Encoding;
using CouchJs.Storage.IO;

namespace CouchJs.Storage.Tests.Support;

/// <summary>
/// A miniature document store on <see cref="DatabaseFile"/>, shaped like the database layer's:
/// by-id maps an id to its seq and a pointer to its body chunk, by-seq maps a seq to the id.
/// A plain dictionary alongside is the model every check compares with.
/// </summary>
public sealed class TestStore : IDisposable
{
    public readonly record struct DocEntry(long Seq, long Body);

    public static readonly BTreeSpec<ReadOnlyMemory<byte>, DocEntry, long> IdSpec = new(
        BytewiseComparer.Instance, BytesCodec.Instance, new DocEntryCodec(), Int64Codec.Instance,
        CountReducer<ReadOnlyMemory<byte>, DocEntry>.Instance);

    public static readonly BTreeSpec<long, ReadOnlyMemory<byte>, long> SeqSpec = new(
        Comparer<long>.Default, Int64Codec.Instance, BytesCodec.Instance, Int64Codec.Instance,
        CountReducer<long, ReadOnlyMemory<byte>>.Instance);

    public static CompactionPlan Plan(int batchSize = 100) => new CompactionPlan(
    [
        new CompactionTree<long, ReadOnlyMemory<byte>, long>(DbTree.BySeq, SeqSpec, count: c => c),
        new CompactionTree<ReadOnlyMemory<byte>, DocEntry, long>(
            DbTree.ById, IdSpec, (e, ctx) => e with { Body = ctx.CopyChunk(e.Body) }, c => c),
    ]) { BatchSize = batchSize };

    public TestStore(IStorageDirectory directory, string name, bool create)
    {
        Directory = directory;
        Db = create
            ? DatabaseFile.Create(directory, name, DbHeader.New(Guid.NewGuid().ToString("N"), "node1", 1))
            : DatabaseFile.Open(directory, name);
    }

    public IStorageDirectory Directory { get; }

    public DatabaseFile Db { get; }

    /// <summary>Writes one batch: puts (id → body) and deletes, one commit.</summary>
    public void Write(IEnumerable<(string Id, string? Body)> docs)
    {
        Db.Update((file, header) =>
        {
            var ids = BTree<ReadOnlyMemory<byte>, DocEntry, long>.Open(file, IdSpec, header.Root(DbTree.ById));
            var seqs = BTree<long, ReadOnlyMemory<byte>, long>.Open(file, SeqSpec, header.Root(DbTree.BySeq));
            long seq = header.UpdateSeq;
            var idInserts = new List<KeyValuePair<ReadOnlyMemory<byte>, DocEntry>>();
            var idRemoves = new List<ReadOnlyMemory<byte>>();
            var seqInserts = new List<KeyValuePair<long, ReadOnlyMemory<byte>>>();
            var seqRemoves = new List<long>();
            // One update per id and batch, the last one, as the database layer's merge does.
            var last = new Dictionary<string, string?>();
            foreach (var (id, body) in docs) last[id] = body;
            foreach (var (id, body) in last)
            {
                ReadOnlyMemory<byte> key = System.Text.Encoding.UTF8.GetBytes(id);
                if (ids.TryGet(key, out var old)) seqRemoves.Add(old.Seq);
                if (body is null)
                {
                    idRemoves.Add(key);
                    continue;
                }
                long pointer = file.Append(System.Text.Encoding.UTF8.GetBytes(body)).Position;
                idInserts.Add(new(key, new DocEntry(++seq, pointer)));
                seqInserts.Add(new(seq, key));
            }
            ids = ids.Modify(idInserts, idRemoves);
            seqs = seqs.Modify(seqInserts, seqRemoves);
            return header.WithRoot(DbTree.ById, ids.ToStoredRoot()).WithRoot(DbTree.BySeq, seqs.ToStoredRoot()) with { UpdateSeq = seq };
        });
    }

    /// <summary>Everything the store holds: id → body, read through by-id, checked against by-seq.</summary>
    public SortedDictionary<string, string> ReadAll()
    {
        using var snapshot = Db.OpenSnapshot();
        var ids = BTree<ReadOnlyMemory<byte>, DocEntry, long>.Open(snapshot.File, IdSpec, snapshot.Header.Root(DbTree.ById));
        var seqs = BTree<long, ReadOnlyMemory<byte>, long>.Open(snapshot.File, SeqSpec, snapshot.Header.Root(DbTree.BySeq));
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, entry) in ids.Enumerate())
        {
            Assert.True(seqs.TryGet(entry.Seq, out var seqId), $"by-seq lacks seq {entry.Seq}");
            Assert.True(seqId.Span.SequenceEqual(key.Span));
            result[System.Text.Encoding.UTF8.GetString(key.Span)] = System.Text.Encoding.UTF8.GetString(snapshot.File.Read(entry.Body));
        }
        Assert.Equal(ids.FullReduce(), seqs.FullReduce());
        Assert.Equal(result.Count, seqs.Enumerate().Count());
        return result;
    }

    public void Dispose() => Db.Dispose();

    private sealed class DocEntryCodec : INodeCodec<DocEntry>
    {
        public void Write(BufferWriter writer, DocEntry value)
        {
            writer.WriteVarInt(value.Seq);
            writer.WriteVarInt(value.Body);
        }

        public DocEntry Read(ref BufferReader reader) => new(reader.ReadVarInt(), reader.ReadVarInt());
    }
}
