using System.Text;
using CouchJs.Database.Model;
using CouchJs.Database.Trees;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Database;
using CouchJs.Storage.Files;

namespace CouchJs.Database;

/// <summary>
/// A consistent read view of a database at one committed header (MVCC: writers commit new roots
/// meanwhile, this view keeps reading the old ones). Dispose it when done.
/// </summary>
public sealed class DbReader : IDisposable
{
    private readonly DatabaseSnapshot _snapshot;

    internal DbReader(DatabaseSnapshot snapshot)
    {
        _snapshot = snapshot;
        Trees = new DbTrees(snapshot.File, snapshot.Header);
    }

    public DbHeader Header => _snapshot.Header;

    public CouchFile File => _snapshot.File;

    public DbTrees Trees { get; }

    public long UpdateSeq => Header.UpdateSeq;

    public IdReduction Counts => Trees.ById.FullReduce();

    public DocInfo? Get(string id) => Trees.ById.TryGet(Encoding.UTF8.GetBytes(id), out var info) ? info : null;

    /// <summary>Many documents in one pass over the tree, in the order asked (null where missing).</summary>
    public DocInfo?[] Get(IReadOnlyList<string> ids)
    {
        var keys = new ReadOnlyMemory<byte>[ids.Count];
        for (int i = 0; i < ids.Count; i++) keys[i] = Encoding.UTF8.GetBytes(ids[i]);
        var found = Trees.ById.Lookup(keys);
        var result = new DocInfo?[ids.Count];
        for (int i = 0; i < ids.Count; i++) result[i] = found[i].Found ? found[i].Value : null;
        return result;
    }

    /// <summary>The body JSON of a revision (an empty object when its body was compacted away).</summary>
    public byte[] ReadBody(RevBody body) => body.BodyPointer == RevBody.NoBody ? "{}"u8.ToArray() : File.Read(body.BodyPointer);

    /// <summary>Documents in id order (bytewise, as _all_docs sorts).</summary>
    public IEnumerable<DocInfo> AllDocs(KeyRange<ReadOnlyMemory<byte>> range, bool descending)
    {
        foreach (var (_, info) in Trees.ById.Enumerate(range, descending)) yield return info;
    }

    /// <summary>Changes after <paramref name="since"/> (ascending), or before it going down when descending.</summary>
    public IEnumerable<KeyValuePair<long, SeqEntry>> Changes(long since, bool descending)
    {
        var range = descending
            ? (since > 0 ? KeyRange<long>.From(since) : KeyRange<long>.All)
            : KeyRange<long>.From(since + 1);
        return Trees.BySeq.Enumerate(range, descending);
    }

    public LocalDoc? GetLocal(string id) => Trees.Local.TryGet(Encoding.UTF8.GetBytes(id), out var doc) ? doc : null;

    public IEnumerable<LocalDoc> LocalDocs(KeyRange<ReadOnlyMemory<byte>> range, bool descending)
    {
        foreach (var (_, doc) in Trees.Local.Enumerate(range, descending)) yield return doc;
    }

    /// <summary>The local documents whose id starts with <paramref name="prefix"/> (<c>_local/…</c>), in id order.</summary>
    public IEnumerable<LocalDoc> LocalDocsStartingWith(string prefix)
    {
        foreach (var doc in LocalDocs(KeyRange<ReadOnlyMemory<byte>>.From(Encoding.UTF8.GetBytes(prefix)), descending: false))
        {
            if (!doc.Id.StartsWith(prefix, StringComparison.Ordinal)) yield break;
            yield return doc;
        }
    }

    /// <summary>The stored security object's JSON (<c>{}</c> when none was set).</summary>
    public byte[] Security => Header.SecurityPointer == DbHeader.NoPointer ? "{}"u8.ToArray() : File.Read(Header.SecurityPointer);

    public void Dispose() => _snapshot.Dispose();
}
