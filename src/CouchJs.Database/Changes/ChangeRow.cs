using CouchJs.Database.Model;

namespace CouchJs.Database.Changes;

/// <summary>
/// One row of a changes feed: the change's seq (hidden by seq_interval when <paramref name="ShowSeq"/>
/// is false), the document's by-seq entry, the revisions it lists, and the included document's JSON.
/// </summary>
public readonly record struct ChangeRow(long Seq, bool ShowSeq, SeqEntry Entry, ReadOnlyMemory<SeqLeaf> Changes, byte[]? Doc)
{
    public string Id => Entry.Id;

    /// <summary>The winning revision is a deletion.</summary>
    public bool Deleted => Entry.Deleted;
}
