using CouchJs.Storage.BTrees;

namespace CouchJs.Views.Index;

/// <summary>
/// One version of an index: its file and header, with the roots decoded once. Immutable; the updater
/// publishes a new one per batch, readers keep the one they took.
/// </summary>
internal sealed class ViewIndexState
{
    private readonly BTreeRoot<ViewReduction>?[] _viewRoots;

    public ViewIndexState(ViewFile file, ViewIndexHeader header)
    {
        File = file;
        Header = header;
        _viewRoots = new BTreeRoot<ViewReduction>?[header.ViewRoots.Length];
        for (int i = 0; i < _viewRoots.Length; i++)
            if (header.ViewRoots[i] is { } stored)
                _viewRoots[i] = new(stored.Pointer, ViewReductionCodec.Instance.FromBytes(stored.Reduction), stored.SubtreeSize);
    }

    /// <summary>A state from trees just written (their roots already decoded).</summary>
    public ViewIndexState(ViewFile file, ViewIndexHeader header, BTreeRoot<ViewReduction>?[] viewRoots)
    {
        File = file;
        Header = header;
        _viewRoots = viewRoots;
    }

    public ViewFile File { get; }

    public ViewIndexHeader Header { get; }

    public long UpdateSeq => Header.UpdateSeq;

    public long PurgeSeq => Header.PurgeSeq;

    public int ViewCount => _viewRoots.Length;

    public BTree<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, NoReduction> IdTree =>
        BTree<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, NoReduction>.Open(File.File, ViewTreeSpecs.Id, Header.IdRoot);

    public BTreeRoot<ViewReduction>? ViewRoot(int view) => _viewRoots[view];

    /// <summary>View tree <paramref name="view"/> read or written with <paramref name="spec"/>'s reducer.</summary>
    public BTree<ViewKey, ReadOnlyMemory<byte>, ViewReduction> ViewTree(int view, BTreeSpec<ViewKey, ReadOnlyMemory<byte>, ViewReduction> spec) =>
        new(File.File, spec, _viewRoots[view]);

    /// <summary>The same trees at a new seq (a batch that changed no rows, the end of a run).</summary>
    public ViewIndexState WithSeqs(long updateSeq, long purgeSeq) =>
        new(File, Header with { UpdateSeq = updateSeq, PurgeSeq = purgeSeq }, _viewRoots);
}
