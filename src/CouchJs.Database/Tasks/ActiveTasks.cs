using System.Collections.Concurrent;

namespace CouchJs.Database.Tasks;

/// <summary>Long-running work the server is doing (compactions, indexers), as <c>GET /_active_tasks</c> lists it.</summary>
public sealed class ActiveTasks
{
    private readonly ConcurrentDictionary<long, ActiveTask> _tasks = new();
    private long _next;

    public ActiveTask Start(string type, string database, string? designDocument = null)
    {
        // An indexer also names the process that streams its rows (couch_mrview_updater's indexer_pid).
        string? indexerPid = type == "indexer" ? ErlangPid(Interlocked.Increment(ref _next)) : null;
        var task = new ActiveTask(this, Interlocked.Increment(ref _next), type, database, designDocument, indexerPid);
        _tasks[task.Key] = task;
        return task;
    }

    /// <summary>The tasks in chttpd_misc's order: sorted by pid, as text.</summary>
    public IReadOnlyList<ActiveTask> All() => [.. _tasks.Values.OrderBy(t => t.Pid, StringComparer.Ordinal)];

    /// <summary>A number shown as an Erlang pid: clients treat pids as opaque strings that tell tasks apart.</summary>
    internal static string ErlangPid(long number) => "<0." + number + ".0>";

    internal void Remove(ActiveTask task) => _tasks.TryRemove(task.Key, out _);
}

/// <summary>One running task; its progress fields are updated by the worker and read by the endpoint.</summary>
public sealed class ActiveTask(ActiveTasks owner, long key, string type, string database, string? designDocument, string? indexerPid) : IDisposable
{
    public long Key { get; } = key;

    /// <summary>This task's own pid, unique among tasks.</summary>
    public string Pid { get; } = ActiveTasks.ErlangPid(key);

    /// <summary>An indexer's <c>indexer_pid</c>; null for other tasks.</summary>
    public string? IndexerPid { get; } = indexerPid;

    public string Type { get; } = type;

    public string Database { get; } = database;

    public string? DesignDocument { get; } = designDocument;

    public string Phase { get; set; } = "";

    public long ChangesDone { get; set; }

    public long TotalChanges { get; set; }

    public int Progress => TotalChanges <= 0 ? 0 : (int)Math.Min(100, ChangesDone * 100 / TotalChanges);

    public long StartedOn { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public long UpdatedOn { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public void Report(string phase, long done, long total)
    {
        Phase = phase;
        ChangesDone = done;
        TotalChanges = total;
        UpdatedOn = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    public void Dispose() => owner.Remove(this);
}
