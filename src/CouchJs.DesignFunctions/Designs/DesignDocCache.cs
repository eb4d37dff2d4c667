using System.Runtime.CompilerServices;
using System.Text;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Storage.BTrees;

namespace CouchJs.DesignFunctions.Designs;

/// <summary>
/// Each open database's design documents (CouchDB's ddoc_cache and the db's validate_doc_funs). A set
/// is trusted while the database's committed header shows the same update and purge seqs in the same
/// file; after that one range read of the by-id tree over <c>_design/</c> brings it up to date, and
/// only a new revision is read and parsed again. A database without design documents costs one
/// descent per write. Keyed by database instance, so a deleted and recreated database starts afresh.
/// </summary>
public sealed class DesignDocCache
{
    private static readonly ReadOnlyMemory<byte> First = Encoding.UTF8.GetBytes(DocIds.DesignPrefix);
    private static readonly ReadOnlyMemory<byte> End = Encoding.UTF8.GetBytes("_design0");

    private readonly ConditionalWeakTable<CouchDatabase, Holder> _sets = [];

    /// <summary>The design documents of <paramref name="db"/> as last committed.</summary>
    public DesignDocSet Current(CouchDatabase db)
    {
        var holder = _sets.GetValue(db, static _ => new Holder());
        var header = db.File.Header;
        var known = holder.Set;
        if (known is not null && known.Seq == header.UpdateSeq && known.PurgeSeq == header.PurgeSeq && ReferenceEquals(known.File, db.File.File))
            return known;
        return holder.Offer(Read(db, known));
    }

    private static DesignDocSet Read(CouchDatabase db, DesignDocSet? previous)
    {
        using var reader = db.OpenReader();
        var live = new List<DesignDoc>();
        var deleted = new List<string>();
        foreach (var info in reader.AllDocs(KeyRange<ReadOnlyMemory<byte>>.Between(First, End, inclusiveEnd: false), descending: false))
        {
            if (info.Deleted)
            {
                deleted.Add(info.Id);
                continue;
            }
            string rev = info.Winner.Rev.ToString();
            live.Add(previous?.Find(info.Id, rev) ?? new DesignDoc(info.Id, rev, DocJsonWriter.Render(reader, info, info.Winner, DocRenderOptions.Plain)));
        }
        return new DesignDocSet(reader.File, reader.UpdateSeq, reader.Header.PurgeSeq, live, deleted);
    }

    // Readers racing to refresh keep the newest set they saw.
    private sealed class Holder
    {
        private DesignDocSet? _set;

        public DesignDocSet? Set => Volatile.Read(ref _set);

        public DesignDocSet Offer(DesignDocSet fresh)
        {
            while (true)
            {
                var current = Volatile.Read(ref _set);
                if (current is not null && (current.Seq > fresh.Seq || current.PurgeSeq > fresh.PurgeSeq)) return fresh;
                if (Interlocked.CompareExchange(ref _set, fresh, current) == current) return fresh;
            }
        }
    }
}
