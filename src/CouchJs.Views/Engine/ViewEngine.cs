using CouchJs.Database;
using CouchJs.Database.Tasks;
using CouchJs.QueryServers;
using CouchJs.Views.Design;

namespace CouchJs.Views.Engine;

/// <summary>
/// Every open view index of the server (couch_index_server): one per database and signature, shared
/// by the design documents that have that signature, opened on first use. Also caches parsed design
/// documents, runs the background indexer (autoupdate), and removes indexes with their database.
/// </summary>
public sealed partial class ViewEngine : IAsyncDisposable
{
    private readonly DatabaseServer _databases;
    private readonly IQueryServerPool _pool;
    private readonly ActiveTasks _tasks;
    private readonly ViewEngineOptions _options;
    private readonly IndexDirectories _directories;
    private readonly Lock _lock = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Db, string Signature), ViewIndex> _indexes = new();

    public ViewEngine(DatabaseServer databases, IQueryServerPool pool, ActiveTasks tasks, ViewEngineOptions options)
    {
        _databases = databases;
        _pool = pool;
        _tasks = tasks;
        _options = options;
        _directories = new IndexDirectories(options.IndexRoot);
        databases.DatabaseEvent += OnDatabaseEvent;
        databases.Opened += OnOpened;
        databases.PurgeClients.Register(IsPurgeClient);
    }

    /// <summary>The index of <paramref name="design"/>'s signature in <paramref name="db"/>, opened if needed.</summary>
    public ViewIndex GetIndex(CouchDatabase db, DesignDocument design)
    {
        var key = (db.Name, design.Signature);
        // Queries find their index without a lock; opening one takes it.
        if (_indexes.TryGetValue(key, out var found) && ReferenceEquals(found.Database, db)) return found;
        Watch(db);
        ViewIndex? stale = null;
        ViewIndex index;
        lock (_lock)
        {
            if (_indexes.TryGetValue(key, out var open) && ReferenceEquals(open.Database, db)) return open;
            // The database was deleted and created again: the old instance's index is gone with it.
            stale = open;
            index = ViewIndex.Open(db, design, _pool, _tasks, _options.Update, _directories.For(db.Name), _options.File);
            _indexes[key] = index;
        }
        stale?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return index;
    }

    /// <summary>
    /// The view version a query reads, after the <c>update</c> parameter's wait: "true" waits for the
    /// database's current seq, "false" takes what is there, "lazy" takes it and starts an update.
    /// </summary>
    public async Task<ViewSnapshot> OpenSnapshot(CouchDatabase db, DesignDocument design, string update, CancellationToken cancel)
    {
        var index = GetIndex(db, design);
        await index.EnsureCheckpoint().ConfigureAwait(false);
        switch (update)
        {
            case "false":
                break;
            case "lazy":
                index.Trigger();
                break;
            default:
                await index.WaitFor(db.UpdateSeq, cancel).ConfigureAwait(false);
                break;
        }
        return index.Snapshot();
    }

    private void OnDatabaseEvent(string name, string kind)
    {
        if (kind != "deleted") return;
        List<ViewIndex> closing;
        lock (_lock)
        {
            closing = [.. _indexes.Where(e => e.Key.Db == name).Select(e => e.Value)];
            foreach (var index in closing) _indexes.TryRemove((name, index.Signature), out _);
            ForgetDesignDocs(name);
        }
        foreach (var index in closing) index.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directories.DeleteAll(name);
    }

    public async ValueTask DisposeAsync()
    {
        _databases.DatabaseEvent -= OnDatabaseEvent;
        StopWatching();
        List<ViewIndex> open;
        lock (_lock)
        {
            open = [.. _indexes.Values];
            _indexes.Clear();
        }
        foreach (var index in open) await index.DisposeAsync().ConfigureAwait(false);
    }
}
