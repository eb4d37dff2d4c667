namespace CouchJs.Storage.BTrees;

/// <summary>
/// A decoded node. A leaf (kv) holds keys and values; an inner node (kp) holds for each child the
/// child's last key and its <see cref="BTreeRoot{TRed}"/>. Nodes are immutable: they are never rewritten.
/// </summary>
internal sealed class BTreeNode<TKey, TValue, TRed>(TKey[] keys, TValue[]? values, BTreeRoot<TRed>[]? children)
{
    public readonly TKey[] Keys = keys;
    public readonly TValue[]? Values = values;
    public readonly BTreeRoot<TRed>[]? Children = children;

    public bool IsLeaf => Values is not null;

    public int Count => Keys.Length;
}
