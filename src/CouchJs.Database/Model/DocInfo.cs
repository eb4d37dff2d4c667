using CouchJs.Database.Revisions;

namespace CouchJs.Database.Model;

/// <summary>A document's entry in the by-id tree (CouchDB's #full_doc_info).</summary>
public sealed class DocInfo(string id, long updateSeq, RevTree<RevBody> tree)
{
    private RevLeaf<RevBody>? _winner;
    private Summary? _summary;

    /// <summary>A stored entry whose summary was kept beside its tree, so reductions need no tree walk.</summary>
    internal DocInfo(string id, long updateSeq, RevTree<RevBody> tree, bool deleted, long active, long external)
        : this(id, updateSeq, tree) => _summary = new Summary(deleted, active, external);

    public string Id { get; } = id;

    /// <summary>The seq of the document's latest change; its by-seq entry has this key.</summary>
    public long UpdateSeq { get; set; } = updateSeq;

    public RevTree<RevBody> Tree { get; } = tree;

    public RevLeaf<RevBody> Winner => _winner ??= Tree.Winner(IsDeleted);

    public bool Deleted => GetSummary().Deleted;

    /// <summary>Forget the cached winner and summary after the tree changed.</summary>
    public void TreeChanged()
    {
        _winner = null;
        _summary = null;
    }

    public static bool IsDeleted(RevBody? body) => body?.Deleted ?? false;

    /// <summary>Leaves in CouchDB's doc_info order: not-deleted before deleted, then rev descending; the winner first.</summary>
    public List<RevLeaf<RevBody>> SortedLeaves()
    {
        var leaves = new List<RevLeaf<RevBody>>(Tree.Leaves());
        leaves.Sort((a, b) =>
        {
            int byDeleted = IsDeleted(a.Value).CompareTo(IsDeleted(b.Value));
            return byDeleted != 0 ? byDeleted : b.Rev.CompareTo(a.Rev);
        });
        return leaves;
    }

    /// <summary>Bytes of the leaves' bodies and attachments: in the file (active) and as JSON (external).</summary>
    public (long Active, long External) Sizes()
    {
        var summary = GetSummary();
        return (summary.Active, summary.External);
    }

    private Summary GetSummary()
    {
        if (_summary is { } known) return known;
        long active = 0, external = 0;
        Tree.ForEachNode((_, node, isLeaf) =>
        {
            if (!isLeaf || node.Value is not { } body) return;
            active += body.ActiveSize;
            external += body.ExternalSize;
        });
        return (_summary = new Summary(IsDeleted(Winner.Value), active, external)).Value;
    }

    private readonly record struct Summary(bool Deleted, long Active, long External);
}
