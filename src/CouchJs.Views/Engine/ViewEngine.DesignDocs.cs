using System.Collections.Concurrent;
using CouchJs.Database;
using CouchJs.Views.Design;

namespace CouchJs.Views.Engine;

// Parsed design documents, kept per database and id (ddoc_cache). An entry is trusted while the
// database's update and purge seqs have not moved; after a write one by-id lookup revalidates it, and
// only a new revision is parsed again. So queries do not re-read or re-parse the design doc.
public sealed partial class ViewEngine
{
    private readonly ConcurrentDictionary<(string Db, string Id), DesignEntry> _designs = new();

    private sealed record DesignEntry(CouchDatabase Db, long Seq, long PurgeSeq, DesignDocument? Doc, string MissingReason);

    /// <summary>
    /// The design document <paramref name="id"/> (<c>_design/…</c>) at its winning revision; 404
    /// not_found "missing" or "deleted" otherwise, as opening the document would say.
    /// </summary>
    public DesignDocument GetDesignDocument(CouchDatabase db, string id)
    {
        Watch(db);
        var entry = Lookup(db, id);
        return entry.Doc ?? throw CouchException.NotFound(entry.MissingReason);
    }

    private DesignEntry Lookup(CouchDatabase db, string id)
    {
        var header = db.File.Header;
        if (_designs.TryGetValue((db.Name, id), out var cached) && ReferenceEquals(cached.Db, db)
            && cached.Seq == header.UpdateSeq && cached.PurgeSeq == header.PurgeSeq)
            return cached;
        using var reader = db.OpenReader();
        var info = reader.Get(id);
        DesignEntry entry;
        if (info is null) entry = new DesignEntry(db, reader.UpdateSeq, reader.Header.PurgeSeq, null, "missing");
        else if (info.Deleted) entry = new DesignEntry(db, reader.UpdateSeq, reader.Header.PurgeSeq, null, "deleted");
        else
        {
            string rev = info.Winner.Rev.ToString();
            var doc = cached?.Doc is { } known && ReferenceEquals(cached.Db, db) && known.Rev == rev
                ? known
                : DesignDocument.Parse(id, rev, reader.ReadBody(info.Winner.Value!));
            entry = new DesignEntry(db, reader.UpdateSeq, reader.Header.PurgeSeq, doc, "");
        }
        _designs[(db.Name, id)] = entry;
        return entry;
    }

    private void ForgetDesignDocs(string dbName)
    {
        foreach (var key in _designs.Keys)
            if (key.Db == dbName) _designs.TryRemove(key, out _);
    }
}
