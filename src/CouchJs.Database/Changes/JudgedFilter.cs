using CouchJs.Database.Model;

namespace CouchJs.Database.Changes;

/// <summary>
/// Judges a feed's changes outside the database (a design document's filter function, a view used as a
/// filter), a batch at a time: one call per batch instead of one per change.
/// </summary>
public interface IChangesJudge
{
    /// <summary>
    /// For each change (its by-seq entry and by-id entry, null when the document is gone), the revisions
    /// that pass, in the order <paramref name="style"/> lists them; empty when none does.
    /// </summary>
    ReadOnlyMemory<SeqLeaf>[] Judge(DbReader reader, IReadOnlyList<SeqEntry> entries, IReadOnlyList<DocInfo?> infos, ChangesStyle style);
}

/// <summary><see cref="ChangesFilter.Judged"/>: the verdicts of the batch being enumerated, asked for when the feed reads it.</summary>
internal sealed class JudgedFilter(IChangesJudge judge) : ChangesFilter
{
    private readonly Dictionary<SeqEntry, ReadOnlyMemory<SeqLeaf>> _verdicts = new(ReferenceEqualityComparer.Instance);

    public override bool ReadsDocuments => true;

    internal override void Prepare(DbReader reader, IReadOnlyList<SeqEntry> entries, IReadOnlyList<DocInfo?> infos, ChangesStyle style)
    {
        var verdicts = judge.Judge(reader, entries, infos, style);
        _verdicts.Clear();
        for (int i = 0; i < entries.Count; i++) _verdicts[entries[i]] = verdicts[i];
    }

    internal override ReadOnlyMemory<SeqLeaf> Select(DbReader reader, SeqEntry entry, ChangesStyle style, ref DocInfo? info) =>
        _verdicts.TryGetValue(entry, out var passed) ? passed : ReadOnlyMemory<SeqLeaf>.Empty;
}
