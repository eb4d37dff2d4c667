using System.Text;
using CouchJs.Database.Model;
using CouchJs.Database.Trees;
using CouchJs.Storage.Database;
using CouchJs.Storage.Files;

namespace CouchJs.Database.Writing;

/// <summary>
/// The state one writer batch builds: documents loaded and changed, local docs, header fields. Ops
/// change it in order; <see cref="Finish"/> numbers the changed documents, updates the trees in one
/// pass each and returns the header to commit.
/// </summary>
internal sealed class WriteBatch(CouchFile file, DbHeader header, DatabaseOptions options)
{
    private readonly Dictionary<string, DocInfo?> _docs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _diskSeqs = new(StringComparer.Ordinal);
    private readonly List<string> _changedOrder = [];
    private readonly Dictionary<string, List<RevBody>> _newBodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalDoc?> _locals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private readonly DbTrees _trees = new(file, header);

    public CouchFile File { get; } = file;

    public DatabaseOptions Options { get; } = options;

    /// <summary>Header fields ops may change (security, limits); tree roots and seq are set by <see cref="Finish"/>.</summary>
    public DbHeader Header { get; set; } = header;

    public bool HasChanges { get; private set; }

    public void Load(IEnumerable<string> ids)
    {
        var missing = ids.Where(id => !_docs.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return;
        var keys = missing.Select(id => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(id)).ToList();
        var found = _trees.ById.Lookup(keys);
        for (int i = 0; i < missing.Count; i++)
        {
            var info = found[i].Found ? found[i].Value : null;
            _docs[missing[i]] = info;
            if (info is not null) _diskSeqs[missing[i]] = info.UpdateSeq;
        }
    }

    public DocInfo? Get(string id)
    {
        if (!_docs.TryGetValue(id, out var info)) Load([id]);
        return _docs[id];
    }

    /// <summary>Records that <paramref name="info"/> changed, with the revision bodies this batch wrote for it.</summary>
    public void Changed(DocInfo info, RevBody? newBody)
    {
        if (!_newBodies.TryGetValue(info.Id, out var bodies))
        {
            _newBodies[info.Id] = bodies = [];
            _changedOrder.Add(info.Id);
        }
        if (newBody is not null) bodies.Add(newBody);
        _docs[info.Id] = info;
        info.TreeChanged();
        HasChanges = true;
    }

    /// <summary>Records that a document is gone entirely (purged): its by-id and by-seq entries go at commit.</summary>
    public void Removed(string id)
    {
        _docs[id] = null;
        _removed.Add(id);
        HasChanges = true;
    }

    public LocalDoc? GetLocal(string id)
    {
        if (_locals.TryGetValue(id, out var doc)) return doc;
        return _trees.Local.TryGet(Encoding.UTF8.GetBytes(id), out var stored) ? stored : null;
    }

    public void SetLocal(string id, LocalDoc? doc)
    {
        _locals[id] = doc;
        HasChanges = true;
    }

    public void HeaderChanged() => HasChanges = true;

    /// <summary>Appends a body chunk; returns its pointer and size on disk.</summary>
    public (long Pointer, int DiskSize) AppendBody(ReadOnlySpan<byte> json)
    {
        var (position, size) = File.Append(json);
        return (position, size);
    }

    public DbHeader Finish()
    {
        long seq = Header.UpdateSeq;
        var idInserts = new List<KeyValuePair<ReadOnlyMemory<byte>, DocInfo>>(_changedOrder.Count);
        var seqInserts = new List<KeyValuePair<long, SeqEntry>>(_changedOrder.Count);
        var seqRemoves = new List<long>();
        var idRemoves = new List<ReadOnlyMemory<byte>>();
        foreach (string id in _removed)
        {
            if (_docs[id] is not null) continue;
            idRemoves.Add(Encoding.UTF8.GetBytes(id));
            if (_diskSeqs.TryGetValue(id, out long old)) seqRemoves.Add(old);
        }
        foreach (string id in _changedOrder)
        {
            if (_docs[id] is not { } info) continue;
            info.UpdateSeq = ++seq;
            foreach (var body in _newBodies[id]) body.Seq = seq;
            if (_diskSeqs.TryGetValue(id, out long old)) seqRemoves.Add(old);
            idInserts.Add(new(Encoding.UTF8.GetBytes(id), info));
            seqInserts.Add(new(seq, SeqEntry.From(info)));
        }
        var header = Header with { UpdateSeq = seq };
        if (idInserts.Count > 0 || idRemoves.Count > 0)
        {
            header = header
                .WithRoot(DbTree.ById, _trees.ById.Modify(idInserts, idRemoves).ToStoredRoot())
                .WithRoot(DbTree.BySeq, _trees.BySeq.Modify(seqInserts, seqRemoves).ToStoredRoot());
        }
        if (_locals.Count > 0)
        {
            var inserts = _locals.Where(p => p.Value is not null)
                .Select(p => new KeyValuePair<ReadOnlyMemory<byte>, LocalDoc>(Encoding.UTF8.GetBytes(p.Key), p.Value!)).ToList();
            var removes = _locals.Where(p => p.Value is null).Select(p => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(p.Key)).ToList();
            header = header.WithRoot(DbTree.Local, _trees.Local.Modify(inserts, removes).ToStoredRoot());
        }
        return header;
    }
}
