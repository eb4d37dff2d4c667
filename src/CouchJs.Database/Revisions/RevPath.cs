namespace CouchJs.Database.Revisions;

/// <summary>A linear run of revisions to merge (couch_doc:to_path): oldest first, <see cref="Start"/> is the oldest's position.</summary>
internal sealed class RevPath<T>(long start, string[] hashes, T?[] values) where T : class
{
    public long Start { get; } = start;

    public string[] Hashes { get; } = hashes;

    public T?[] Values { get; } = values;

    public int Length => Hashes.Length;

    /// <summary>A client's path: hashes newest first, only the newest has a value.</summary>
    public static RevPath<T> FromNewestFirst(long leafPos, IReadOnlyList<string> newestFirst, T leafValue)
    {
        int n = newestFirst.Count;
        var hashes = new string[n];
        for (int i = 0; i < n; i++) hashes[i] = newestFirst[n - 1 - i];
        var values = new T?[n];
        values[n - 1] = leafValue;
        return new RevPath<T>(leafPos - n + 1, hashes, values);
    }

    /// <summary>Nodes <paramref name="from"/>..<paramref name="to"/>-1 as a chain above <paramref name="below"/>; returns the top one.</summary>
    public RevNode<T> Chain(int from, int to, RevNode<T>? below = null)
    {
        var node = below;
        for (int i = to - 1; i >= from; i--)
        {
            var parent = new RevNode<T>(Hashes[i], Values[i]);
            if (node is not null) parent.Children.Add(node);
            node = parent;
        }
        return node!;
    }
}
