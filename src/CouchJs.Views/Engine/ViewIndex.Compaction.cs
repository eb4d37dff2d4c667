using CouchJs.Storage.Files;
using CouchJs.Views.Compaction;
using CouchJs.Views.Index;
using CouchJs.Views.Updating;

namespace CouchJs.Views.Engine;

// Compaction (POST /{db}/_compact/{ddoc}): copy the current version into <sig>.compact.view while
// updates go on, then, holding the update gate, let the copy catch up with what the index gained
// meanwhile (the updater runs on the copy), rename it over the index file and publish it. Readers of
// the old file finish on it; it closes when the last lets go. A crash before the rename leaves the
// old index intact and the copy is thrown away on the next open.
public sealed partial class ViewIndex
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task? _compaction;

    public bool CompactRunning
    {
        get
        {
            lock (_lock) return _compaction is { IsCompleted: false };
        }
    }

    /// <summary>Starts a compaction unless one runs (couch_index_compactor).</summary>
    public void StartCompaction()
    {
        lock (_lock)
        {
            if (_closing.IsCancellationRequested || _compaction is { IsCompleted: false }) return;
            _compaction = Task.Run(Compact);
        }
    }

    /// <summary>Waits for a running compaction (tests; closing).</summary>
    public Task CompactionTask
    {
        get
        {
            lock (_lock) return _compaction ?? Task.CompletedTask;
        }
    }

    private async Task Compact()
    {
        var cancel = _closing.Token;
        using var task = _tasks.Start("view_compaction", Database.Name, Design.Id);
        string compactName = CompactFileName(Signature);
        if (_directory.Exists(compactName)) _directory.Delete(compactName);
        var target = new ViewFile(CouchFile.Open(_directory.Open(compactName, create: true), _fileOptions), FileName(Signature));
        bool swapped = false;
        try
        {
            await using var session = new QueryServerSession(_pool, Design.Language, cancel);
            var specs = ViewUpdater.WriteSpecs(Design, session, _settings, cancel);
            ViewIndexState copy;
            using (var snapshot = Snapshot()) copy = IndexCopier.Copy(snapshot.State, target, specs, task, cancel);

            await _gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                var current = _state;
                if (current.UpdateSeq != copy.UpdateSeq || current.PurgeSeq != copy.PurgeSeq)
                {
                    var updater = new ViewUpdater(Design, _pool, _settings);
                    copy = await updater.Run(copy, Database, caughtUp => copy = caughtUp, task, cancel).ConfigureAwait(false);
                }
                _directory.Rename(compactName, FileName(Signature));
                swapped = true;
                Publish(copy);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            if (!swapped)
            {
                target.Release();
                if (_directory.Exists(compactName)) _directory.Delete(compactName);
            }
        }
    }

    private async Task StopCompaction()
    {
        Task? compaction;
        lock (_lock) compaction = _compaction;
        if (compaction is null) return;
        try
        {
            await compaction.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A compaction cut short by closing (or failed) leaves the index as it was.
        }
    }
}
