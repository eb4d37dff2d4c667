using CouchJs.Database.Revisions;

namespace CouchJs.Database.Model;

/// <summary>
/// A document's entry in the by-seq tree: enough to answer a _changes row without the by-id tree
/// (id, and every leaf with its deleted flag, the winner first).
/// </summary>
public sealed record SeqEntry(string Id, SeqLeaf[] Leaves)
{
    public bool Deleted => Leaves[0].Deleted;

    public Rev WinningRev => Leaves[0].Rev;

    public static SeqEntry From(DocInfo info) =>
        new(info.Id, [.. info.SortedLeaves().Select(l => new SeqLeaf(l.Rev, DocInfo.IsDeleted(l.Value)))]);
}

public readonly record struct SeqLeaf(Rev Rev, bool Deleted);
