using System.Text;
using CouchJs.Database.Mango;
using CouchJs.Database.Model;
using CouchJs.Storage.BTrees;

namespace CouchJs.Database.Changes;

/// <summary>
/// Which changes a feed reports, and which revisions of each (couch_changes:filter). A filter may
/// name its documents up front (<c>_doc_ids</c>, <c>_design</c>): the feed then looks them up by id
/// instead of folding the whole by-seq tree, as CouchDB does.
/// </summary>
public abstract class ChangesFilter
{
    /// <summary>Every change.</summary>
    public static readonly ChangesFilter None = new AllFilter();

    /// <summary><c>_design</c>: changes of design documents only.</summary>
    public static readonly ChangesFilter DesignDocs = new DesignFilter();

    /// <summary><c>_doc_ids</c>; up to <paramref name="lookupLimit"/> ids are looked up, more are filtered during the fold.</summary>
    public static ChangesFilter DocIds(IReadOnlyList<string> ids, int lookupLimit) => new DocIdsFilter(ids, lookupLimit);

    /// <summary><c>_selector</c>: revisions whose document matches; <paramref name="fields"/> cuts included documents down.</summary>
    public static ChangesFilter Matching(Selector selector, Fields? fields) => new SelectorFilter(selector, fields);

    /// <summary>Revisions a <paramref name="judge"/> outside the database lets through, asked a batch of changes at a time.</summary>
    public static ChangesFilter Judged(IChangesJudge judge) => new JudgedFilter(judge);

    /// <summary>The filter reads each document: the feed looks their by-id entries up in batches for it.</summary>
    public virtual bool ReadsDocuments => false;

    /// <summary>Fields included documents are cut down to (the <c>_selector</c> filter's <c>fields</c>).</summary>
    public virtual Fields? Fields => null;

    /// <summary>
    /// Called with each batch of changes (and their by-id entries) a filter that reads documents is
    /// about to be asked about, so it can judge them together.
    /// </summary>
    internal virtual void Prepare(DbReader reader, IReadOnlyList<SeqEntry> entries, IReadOnlyList<DocInfo?> infos, ChangesStyle style)
    {
    }

    /// <summary>The documents to report, when the filter names them (null: fold the by-seq tree).</summary>
    internal virtual IEnumerable<DocInfo>? Lookup(DbReader reader) => null;

    /// <summary>
    /// The revisions the change lists, empty when it does not pass. A filter that reads the document
    /// leaves its by-id entry in <paramref name="info"/> for include_docs.
    /// </summary>
    internal abstract ReadOnlyMemory<SeqLeaf> Select(DbReader reader, SeqEntry entry, ChangesStyle style, ref DocInfo? info);

    /// <summary>couch_changes:apply_style: the winner, or every leaf in doc_info order.</summary>
    protected static ReadOnlyMemory<SeqLeaf> ApplyStyle(SeqEntry entry, ChangesStyle style) =>
        style == ChangesStyle.MainOnly ? entry.Leaves.AsMemory(0, 1) : entry.Leaves;

    private sealed class AllFilter : ChangesFilter
    {
        internal override ReadOnlyMemory<SeqLeaf> Select(DbReader reader, SeqEntry entry, ChangesStyle style, ref DocInfo? info) =>
            ApplyStyle(entry, style);
    }

    private sealed class DesignFilter : ChangesFilter
    {
        private static readonly ReadOnlyMemory<byte> First = Encoding.UTF8.GetBytes("_design/");
        private static readonly ReadOnlyMemory<byte> End = Encoding.UTF8.GetBytes("_design0");

        // Deleted design documents included: their deletions are changes too.
        internal override IEnumerable<DocInfo> Lookup(DbReader reader) =>
            reader.AllDocs(KeyRange<ReadOnlyMemory<byte>>.Between(First, End, inclusiveEnd: false), descending: false);

        internal override ReadOnlyMemory<SeqLeaf> Select(DbReader reader, SeqEntry entry, ChangesStyle style, ref DocInfo? info) =>
            entry.Id.StartsWith("_design", StringComparison.Ordinal) ? ApplyStyle(entry, style) : ReadOnlyMemory<SeqLeaf>.Empty;
    }
}
