using CouchJs.Storage.BTrees;

namespace CouchJs.Views.Index;

/// <summary>
/// The view tree's reducer: counts rows and their bytes, and (unless the use needs counts only, as
/// offsets and total_rows do) computes the user reductions through <see cref="UserReducer"/>.
/// </summary>
internal sealed class ViewTreeReducer(UserReducer? user) : IReducer<ViewKey, ReadOnlyMemory<byte>, ViewReduction>
{
    /// <summary>Counts and sizes only; user slots stay as stored, unread.</summary>
    public static readonly ViewTreeReducer CountOnly = new(null);

    public ViewReduction Reduce(ReadOnlySpan<ViewKey> keys, ReadOnlySpan<ReadOnlyMemory<byte>> values)
    {
        long size = 0;
        for (int i = 0; i < keys.Length; i++) size += keys[i].Key.Length + values[i].Length;
        return new ViewReduction(keys.Length, size, user is null ? [] : user.Reduce(keys, values));
    }

    public ViewReduction Rereduce(ReadOnlySpan<ViewReduction> reductions)
    {
        long count = 0, size = 0;
        foreach (var r in reductions)
        {
            count += r.Count;
            size += r.ExternalSize;
        }
        return new ViewReduction(count, size, user is null ? [] : user.Rereduce(reductions));
    }
}
