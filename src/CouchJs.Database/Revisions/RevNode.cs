namespace CouchJs.Database.Revisions;

/// <summary>One revision in a tree (couch_key_tree's <c>{Key, Value, Children}</c>); children are sorted by hash.</summary>
public sealed class RevNode<T> where T : class
{
    internal RevNode(string hash, T? value)
    {
        Hash = hash;
        Value = value;
    }

    public string Hash { get; }

    /// <summary>Null when we never had this revision's body (CouchDB's ?REV_MISSING): an ancestor named by <c>_revisions</c>.</summary>
    public T? Value { get; set; }

    public List<RevNode<T>> Children { get; } = [];
}
