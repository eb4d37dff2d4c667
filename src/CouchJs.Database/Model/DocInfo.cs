using CouchJs.Database.Revisions;

namespace CouchJs.Database.Model;

/// <summary>A document's entry in the by-id tree (CouchDB's #full_doc_info).</summary>
public sealed class DocInfo(string id, long updateSeq, RevTree<RevBody> tree)
{
    private RevLeaf<RevBody>? _winner;

    public string Id { get; } = id;

    /// <summary>The seq of the document's latest change; its by-seq entry has this key.</summary>
    public long UpdateSeq { get; set; } = updateSeq;

    public RevTree<RevBody> Tree { get; } = tree;

    public RevLeaf<RevBody> Winner => _winner ??= Tree.Winner(IsDeleted);

    public bool Deleted => IsDeleted(Winner.Value);

    /// <summary>Forget the cached winner after the tree changed.</summary>
    public void TreeChanged() => _winner = null;

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

    public (long Active, long External) Sizes()
    {
        long active = 0, external = 0;
        foreach (var leaf in Tree.Leaves())
        {
            if (leaf.Value is not { } body) continue;
            active += body.ActiveSize;
            external += body.ExternalSize;
        }
        return (active, external);
    }
}
