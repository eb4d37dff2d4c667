using CouchJs.Database;
using CouchJs.Storage.Files;

namespace CouchJs.DesignFunctions.Designs;

/// <summary>
/// A database's design documents at one committed version (its update and purge seqs in one file):
/// the live ones in id order, which of them validate writes (couch_db:load_validation_funs' order),
/// and what a lookup of a deleted one says.
/// </summary>
public sealed class DesignDocSet
{
    private readonly Dictionary<string, DesignDoc?> _byId;

    internal DesignDocSet(CouchFile file, long seq, long purgeSeq, IReadOnlyList<DesignDoc> docs, IEnumerable<string> deleted)
    {
        File = file;
        Seq = seq;
        PurgeSeq = purgeSeq;
        Docs = docs;
        _byId = new Dictionary<string, DesignDoc?>(StringComparer.Ordinal);
        foreach (var doc in docs) _byId[doc.Id] = doc;
        foreach (string id in deleted) _byId[id] = null;
        Validators = [.. docs.Where(d => d.HasValidator)];
    }

    internal CouchFile File { get; }

    internal long Seq { get; }

    internal long PurgeSeq { get; }

    /// <summary>The live design documents, in id order.</summary>
    public IReadOnlyList<DesignDoc> Docs { get; }

    /// <summary>The design documents with a <c>validate_doc_update</c>, in id order.</summary>
    public IReadOnlyList<DesignDoc> Validators { get; }

    /// <summary>The design document <paramref name="id"/>; 404 <c>missing</c> or <c>deleted</c> as opening it would say.</summary>
    public DesignDoc Get(string id)
    {
        if (!_byId.TryGetValue(id, out var doc)) throw CouchException.NotFound("missing");
        return doc ?? throw CouchException.NotFound("deleted");
    }

    internal DesignDoc? Find(string id, string rev) =>
        _byId.TryGetValue(id, out var doc) && doc is not null && doc.Rev == rev ? doc : null;
}
