using CouchJs.QueryServers;
using CouchJs.Views.Design;
using CouchJs.Views.Index;
using CouchJs.Views.Querying;

namespace CouchJs.Views.Engine;

/// <summary>
/// A version of an index held for reading: queries on it see one consistent state, whatever the
/// updater and compaction do meanwhile. Dispose it when done.
/// </summary>
public sealed class ViewSnapshot : IDisposable
{
    private readonly IQueryServerPool _pool;
    private readonly Updating.UpdateSettings _settings;
    private ViewIndexState? _state;

    internal ViewSnapshot(DesignDocument design, ViewIndexState state, IQueryServerPool pool, Updating.UpdateSettings settings)
    {
        Design = design;
        _state = state;
        _pool = pool;
        _settings = settings;
    }

    public DesignDocument Design { get; }

    public string Signature => State.Header.Signature;

    /// <summary>The database update seq this version reflects.</summary>
    public long UpdateSeq => State.UpdateSeq;

    public long PurgeSeq => State.PurgeSeq;

    internal ViewIndexState State => _state ?? throw new ObjectDisposedException(nameof(ViewSnapshot));

    /// <summary>Rows of a view (also of a reduce view read with reduce=false).</summary>
    public MapQuery Map(ViewLookup view, ViewQuery query) => new(State, view.View, query);

    /// <summary>Reduced rows of a reduce view; dispose it to return the query server a JavaScript reduce used.</summary>
    public ReduceQuery Reduce(ViewLookup view, ViewQuery query, CancellationToken cancel) =>
        new(State, view.View, view.ReduceIndex, query,
            view.View.Reduces[view.ReduceIndex].IsBuiltin ? null : new QueryServerSession(_pool, Design.Language, cancel),
            _settings.ReduceLimit(), cancel);

    public void Dispose() => Interlocked.Exchange(ref _state, null)?.File.Release();
}
