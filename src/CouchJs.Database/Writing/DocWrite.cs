using System.Text.Json;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Writing;

/// <summary>
/// An update as a <see cref="IDocWriteGuard"/> sees it: the documents, and from one snapshot read the
/// revision each one replaces (CouchDB's oldDoc) and whether the writer will refuse it as a conflict,
/// in which case CouchDB does not validate it either (couch_db:prep_and_validate_update).
/// </summary>
public sealed class DocWrite(CouchDatabase database, IReadOnlyList<IncomingDoc> docs, bool newEdits) : IDisposable
{
    private DbReader? _reader;
    private DocInfo?[]? _existing;

    public CouchDatabase Database { get; } = database;

    public IReadOnlyList<IncomingDoc> Docs { get; } = docs;

    /// <summary>False for replicated revisions (<c>new_edits=false</c>).</summary>
    public bool NewEdits { get; } = newEdits;

    public DbReader Reader => _reader ??= Database.OpenReader();

    /// <summary>The database's security object (<c>{}</c> when none was set).</summary>
    public byte[] Security => Reader.Security;

    /// <summary>True when the writer will answer this document with a conflict (an interactive edit of no current leaf).</summary>
    public bool WouldConflict(int index)
    {
        if (!NewEdits) return false;
        var doc = Docs[index];
        var info = Existing(index);
        if (doc.HasRev) return info is null || !info.Tree.IsLeaf(new Rev(doc.RevPos, doc.RevHashes[0]));
        return info is not null && !info.Deleted;
    }

    /// <summary>
    /// The body of the revision the document replaces: the edited leaf (the deleted winner when a
    /// deleted document is written again), or for a replicated revision its newest stored ancestor;
    /// null for a new document, a revision whose body is gone, or a would-be conflict.
    /// </summary>
    public JsonElement? OldBody(int index)
    {
        var doc = Docs[index];
        if (Existing(index) is not { } info || WouldConflict(index)) return null;
        RevBody? parent = null;
        if (NewEdits) parent = doc.HasRev ? info.Tree.Find(new Rev(doc.RevPos, doc.RevHashes[0]))?.Value : info.Winner.Value;
        else
            for (int i = 1; i < doc.RevHashes.Count && parent is null; i++)
                parent = info.Tree.Find(new Rev(doc.RevPos - i, doc.RevHashes[i]))?.Value;
        if (parent is null || parent.BodyPointer == RevBody.NoBody) return null;
        using var json = JsonDocument.Parse(Reader.ReadBody(parent));
        return json.RootElement.Clone();
    }

    /// <summary>The by-id entry of the document at <paramref name="index"/> in the snapshot (null for a new id).</summary>
    public DocInfo? Existing(int index)
    {
        if (_existing is null)
        {
            var ids = new string[Docs.Count];
            for (int i = 0; i < ids.Length; i++) ids[i] = Docs[i].Id!;
            _existing = Reader.Get(ids);
        }
        return _existing[index];
    }

    public void Dispose() => _reader?.Dispose();
}
