using CouchJs.Storage.BTrees;

namespace CouchJs.Views.Index;

/// <summary>The shapes of an index file's trees: the id tree, and view trees with a reducer for the use at hand.</summary>
internal static class ViewTreeSpecs
{
    public static readonly BTreeSpec<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, NoReduction> Id =
        new(BytewiseComparer.Instance, BytesCodec.Instance, BytesCodec.Instance, NoReduction.Codec, NoReducer<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>.Instance);

    private static readonly BTreeSpec<ViewKey, ReadOnlyMemory<byte>, ViewReduction> CountCollated = Query(false, ViewTreeReducer.CountOnly);
    private static readonly BTreeSpec<ViewKey, ReadOnlyMemory<byte>, ViewReduction> CountRaw = Query(true, ViewTreeReducer.CountOnly);

    /// <summary>A view tree read by queries whose reductions count rows only (total_rows, offsets, sizes).</summary>
    public static BTreeSpec<ViewKey, ReadOnlyMemory<byte>, ViewReduction> Counting(bool raw) => raw ? CountRaw : CountCollated;

    /// <summary>A view tree as the updater writes it: leaves it replaces are not worth caching.</summary>
    public static BTreeSpec<ViewKey, ReadOnlyMemory<byte>, ViewReduction> View(bool raw, ViewTreeReducer reducer) =>
        new(ViewKeyComparer.For(raw), ViewKeyCodec.Instance, BytesCodec.Instance, ViewReductionCodec.Instance, reducer);

    /// <summary>A view tree as queries read it: the same leaves are read again and again, so they are cached too.</summary>
    public static BTreeSpec<ViewKey, ReadOnlyMemory<byte>, ViewReduction> Query(bool raw, ViewTreeReducer reducer) =>
        View(raw, reducer) with { CacheLeaves = true };
}
