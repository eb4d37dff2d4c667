using CouchJs.Database.Compaction;
using CouchJs.Database.Purging;
using CouchJs.Database.Tasks;
using CouchJs.Storage.Database.Compaction;

namespace CouchJs.Database;

public sealed partial class CouchDatabase
{
    private readonly Lock _compactionLock = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _compaction = Task.CompletedTask;

    /// <summary>True from the moment a compaction is asked for until it swapped the files or stopped (db info's <c>compact_running</c>).</summary>
    public bool CompactRunning
    {
        get
        {
            lock (_compactionLock) return !_compaction.IsCompleted;
        }
    }

    /// <summary>
    /// Starts compacting in the background (<c>POST /{db}/_compact</c>), or returns the compaction
    /// already running: one at a time per database. While it runs it is listed in
    /// <paramref name="tasks"/>. A compaction stopped by <paramref name="cancel"/>, by closing the
    /// database or by a crash resumes from its last checkpoint the next time.
    /// </summary>
    public Task Compact(ActiveTasks? tasks = null, IProgress<CompactionProgress>? progress = null, CancellationToken cancel = default)
    {
        lock (_compactionLock)
        {
            if (_compaction.IsCompleted)
            {
                _compaction = Task.Factory.StartNew(
                    () => RunCompaction(tasks, progress, cancel), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            return _compaction;
        }
    }

    private void RunCompaction(ActiveTasks? tasks, IProgress<CompactionProgress>? progress, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, _closing.Token);
        using var task = tasks?.Start("database_compaction", Name);
        task?.Report("document_copy", 0, 0);
        CompactionPlan plan;
        using (var reader = OpenReader())
            plan = DbCompactionPlan.For(reader.Header, MinimumPurgeSeq.Of(this, reader, Options.PurgeClients ?? new PurgeClients()));
        File.Compact(plan, new CompactionTaskProgress(task, progress), stop.Token);
    }

    /// <summary>Stops a running compaction at its next checkpoint and waits for it (closing the database).</summary>
    private async Task StopCompaction()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        Task running;
        lock (_compactionLock) running = _compaction;
        // Its outcome (stopped, done or failed) no longer matters: the file it leaves resumes or is discarded.
        await running.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }
}
