using CouchJs.Database;
using CouchJs.Database.Tasks;
using CouchJs.QueryServers;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Views.Design;
using CouchJs.Views.Index;
using CouchJs.Views.Updating;

namespace CouchJs.Views.Engine;

/// <summary>
/// One open index (couch_index): a database's views for one signature, in
/// <c>&lt;signature&gt;.view</c>. Readers take the current version without locks; one updater runs at a
/// time, and queries that need a newer version wait for it (<see cref="WaitFor"/>). Design documents
/// with the same signature share the index.
/// </summary>
public sealed partial class ViewIndex : IAsyncDisposable
{
    private readonly IQueryServerPool _pool;
    private readonly ActiveTasks _tasks;
    private readonly UpdateSettings _settings;
    private readonly IStorageDirectory _directory;
    private readonly CouchFileOptions _fileOptions;
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _lock = new();
    private readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];
    private volatile ViewIndexState _state;
    private Task? _checkpoint;
    private Task? _updater;
    private bool _again;

    private ViewIndex(CouchDatabase db, DesignDocument design, IQueryServerPool pool, ActiveTasks tasks, UpdateSettings settings,
        IStorageDirectory directory, CouchFileOptions fileOptions, ViewIndexState state)
    {
        Database = db;
        Design = design;
        _pool = pool;
        _tasks = tasks;
        _settings = settings;
        _directory = directory;
        _fileOptions = fileOptions;
        _state = state;
    }

    public CouchDatabase Database { get; }

    /// <summary>The design document the index was opened for (others with its signature have the same views).</summary>
    public DesignDocument Design { get; }

    public string Signature => Design.Signature;

    public long UpdateSeq => _state.UpdateSeq;

    /// <summary>
    /// Writes the index's purge checkpoint once per opening, before its first query or update is
    /// answered (couch_mrview_index:open's ensure_local_purge_doc); callers share the one write.
    /// </summary>
    public Task EnsureCheckpoint()
    {
        lock (_lock) return _checkpoint ??= PurgeCheckpoint.Record(Database, Design, _state.PurgeSeq);
    }

    public bool UpdaterRunning
    {
        get
        {
            lock (_lock) return _updater is not null;
        }
    }

    public int WaitingClients
    {
        get
        {
            lock (_lock) return _waiters.Count;
        }
    }

    internal static string FileName(string signature) => signature + ".view";

    internal static string CompactFileName(string signature) => signature + ".compact.view";

    /// <summary>
    /// Opens the index file for <paramref name="design"/>'s signature, or starts a new one: a file whose
    /// header is missing or names another signature is rebuilt from scratch (couch_mrview_index:open).
    /// A compaction a crash interrupted is thrown away.
    /// </summary>
    internal static ViewIndex Open(CouchDatabase db, DesignDocument design, IQueryServerPool pool, ActiveTasks tasks,
        UpdateSettings settings, IStorageDirectory directory, CouchFileOptions fileOptions)
    {
        string name = FileName(design.Signature);
        string compact = CompactFileName(design.Signature);
        if (directory.Exists(compact)) directory.Delete(compact);
        var file = CouchFile.Open(directory.Open(name, create: true), fileOptions);
        var header = file.LastHeader is { } bytes ? ViewIndexHeader.Decode(bytes) : null;
        if (header is null || header.Signature != design.Signature || header.ViewRoots.Length != design.Views.Count)
        {
            header = ViewIndexHeader.Empty(design.Signature, design.Views.Count, db.File.Header.PurgeSeq);
            file.Commit(header.Encode());
        }
        var state = new ViewIndexState(new ViewFile(file, name), header);
        return new ViewIndex(db, design, pool, tasks, settings, directory, fileOptions, state);
    }

    /// <summary>The current version for reading; dispose it when done.</summary>
    public ViewSnapshot Snapshot()
    {
        while (true)
        {
            var state = _state;
            if (state.File.TryAcquire()) return new ViewSnapshot(Design, state, _pool, _settings);
        }
    }

    /// <summary>
    /// Waits until the index reflects the database at least up to <paramref name="seq"/>, starting the
    /// updater if needed (update=true). An updater failure (a map function that does not compile, a
    /// dead query server) fails every waiter with it.
    /// </summary>
    public Task WaitFor(long seq, CancellationToken cancel)
    {
        // The common case, an index already up to date, takes no lock.
        if (_state.UpdateSeq >= seq) return Task.CompletedTask;
        TaskCompletionSource done;
        lock (_lock)
        {
            if (_state.UpdateSeq >= seq) return Task.CompletedTask;
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((seq, done));
            StartLocked();
        }
        return done.Task.WaitAsync(cancel);
    }

    /// <summary>Brings the index up to date in the background (update=lazy, autoupdate).</summary>
    public void Trigger()
    {
        lock (_lock) StartLocked();
    }

    private void StartLocked()
    {
        if (_closing.IsCancellationRequested) return;
        if (_updater is not null)
        {
            _again = true;
            return;
        }
        _again = false;
        _updater = Task.Run(UpdateLoop);
    }

    private async Task UpdateLoop()
    {
        while (true)
        {
            try
            {
                await RunOnce().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    FailWaitersLocked(e);
                    _updater = null;
                }
                return;
            }
            lock (_lock)
            {
                bool behind = _waiters.Count > 0 || _again;
                _again = false;
                if (!behind || _closing.IsCancellationRequested)
                {
                    _updater = null;
                    return;
                }
            }
        }
    }

    private async Task RunOnce()
    {
        await _gate.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
            await EnsureCheckpoint().ConfigureAwait(false);
            using var task = _tasks.Start("indexer", Database.Name, Design.Id);
            var updater = new ViewUpdater(Design, _pool, _settings);
            var updated = await updater.Run(_state, Database, Publish, task, _closing.Token).ConfigureAwait(false);
            // The checkpoint follows the purges the index has applied (and comes back if it was deleted).
            await PurgeCheckpoint.Record(Database, Design, updated.PurgeSeq).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes a new version visible and releases the waiters it satisfies.</summary>
    private void Publish(ViewIndexState state)
    {
        lock (_lock)
        {
            var previous = _state;
            _state = state;
            if (!ReferenceEquals(previous.File, state.File)) previous.File.Release();
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Seq > state.UpdateSeq) continue;
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private void FailWaitersLocked(Exception e)
    {
        foreach (var (_, done) in _waiters) done.TrySetException(e);
        _waiters.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        Task? updater;
        lock (_lock)
        {
            _closing.Cancel();
            updater = _updater;
        }
        if (updater is not null)
        {
            try
            {
                await updater.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Closing cancels the run; its last commit stays.
            }
        }
        await StopCompaction().ConfigureAwait(false);
        lock (_lock)
        {
            FailWaitersLocked(new ObjectDisposedException(nameof(ViewIndex), "the index was closed"));
            _state.File.Release();
        }
    }
}
