namespace CouchJs.Database.Revisions;

/// <summary>What couch_key_tree:merge reports about a merged path.</summary>
public enum MergeOutcome
{
    /// <summary>The path extended a leaf (or planted the first root): an edit of the current revision.</summary>
    NewLeaf,

    /// <summary>The path started a new branch beside existing children, or a new root: a conflict for an interactive edit.</summary>
    NewBranch,

    /// <summary>Every revision of the path was already there.</summary>
    InternalNode,
}
