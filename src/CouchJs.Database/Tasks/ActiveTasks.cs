using System.Collections.Concurrent;

namespace CouchJs.Database.Tasks;

/// <summary>Long-running work the server is doing (compactions, indexers), as <c>GET /_active_tasks</c> lists it.</summary>
public sealed class ActiveTasks
{
    private readonly ConcurrentDictionary<long, ActiveTask> _tasks = new();
    private long _next;

    public ActiveTask Start(string type, string database, string? designDocument = null)
    {
        var task = new ActiveTask(this, Interlocked.Increment(ref _next), type, database, designDocument);
        _tasks[task.Key] = task;
        return task;
    }

    public IReadOnlyList<ActiveTask> All() => [.. _tasks.Values.OrderBy(t => t.Key)];

    internal void Remove(ActiveTask task) => _tasks.TryRemove(task.Key, out _);
}

/// <summary>One running task; its progress fields are updated by the worker and read by the endpoint.</summary>
public sealed class ActiveTask(ActiveTasks owner, long key, string type, string database, string? designDocument) : IDisposable
{
    public long Key { get; } = key;

    public string Type { get; } = type;

    public string Database { get; } = database;

    public string? DesignDocument { get; } = designDocument;

    public string Phase { get; set; } = "";

    public long ChangesDone { get; set; }

    public long TotalChanges { get; set; }

    public int Progress => TotalChanges <= 0 ? 0 : (int)Math.Min(100, ChangesDone * 100 / TotalChanges);

    public long StartedOn { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public long UpdatedOn { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public int Pid { get; } = Environment.ProcessId;

    public void Report(string phase, long done, long total)
    {
        Phase = phase;
        ChangesDone = done;
        TotalChanges = total;
        UpdatedOn = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    public void Dispose() => owner.Remove(this);
}
