using System.Runtime.CompilerServices;

namespace CouchJs.Database.Changes;

/// <summary>What ended a <see cref="CommitSignal.WaitAsync"/>.</summary>
public enum CommitWait { Updated, TimedOut, Deleted }

/// <summary>
/// Lets changes feeds wait for "a commit past seq N" on one database (CouchDB's db update listener).
/// All waiters share one task per commit: a commit completes it and swaps in a fresh one, so the
/// cost of a commit does not grow with the number of feeds, and a waiter costs one timer.
/// </summary>
public sealed class CommitSignal
{
    private static readonly ConditionalWeakTable<CouchDatabase, CommitSignal> Signals = [];

    private readonly CouchDatabase _db;
    private readonly DatabaseServer _server;
    private TaskCompletionSource _next = NewSource();
    private volatile bool _deleted;

    private CommitSignal(DatabaseServer server, CouchDatabase db)
    {
        _server = server;
        _db = db;
        db.Committed += OnCommitted;
        server.DatabaseEvent += OnDatabaseEvent;
    }

    /// <summary>The signal of an open database of <paramref name="server"/>.</summary>
    public static CommitSignal For(DatabaseServer server, CouchDatabase db) => Signals.GetValue(db, d => new CommitSignal(server, d));

    public bool Deleted => _deleted;

    /// <summary>
    /// Waits until the database's update seq passes <paramref name="afterSeq"/> (at once if it already
    /// has), the timeout passes, or the database is deleted. Cancellation throws.
    /// </summary>
    public async Task<CommitWait> WaitAsync(long afterSeq, TimeSpan timeout, CancellationToken cancel)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            // Take the task before reading the seq: a commit after the read completes this very task.
            var next = Volatile.Read(ref _next);
            if (_deleted) return CommitWait.Deleted;
            if (_db.UpdateSeq > afterSeq) return CommitWait.Updated;
            long left = deadline - Environment.TickCount64;
            if (left <= 0) return CommitWait.TimedOut;
            try
            {
                await next.Task.WaitAsync(TimeSpan.FromMilliseconds(Math.Min(left, int.MaxValue)), cancel).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return CommitWait.TimedOut;
            }
            // Woken by a commit that may not have moved the seq (a local doc, the security object): look again.
        }
    }

    private void OnCommitted(long seq) => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    // A "deleted" event names a database; ours is gone when the name no longer leads to this instance.
    private void OnDatabaseEvent(string name, string kind)
    {
        if (kind != "deleted" || name != _db.Name || ReferenceEquals(_server.TryOpen(name), _db)) return;
        _server.DatabaseEvent -= OnDatabaseEvent;
        _deleted = true;
        Volatile.Read(ref _next).TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
