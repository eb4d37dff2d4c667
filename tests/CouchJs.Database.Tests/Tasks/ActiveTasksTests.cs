using CouchJs.Database.Tasks;

namespace CouchJs.Database.Tests.Tasks;

public sealed class ActiveTasksTests
{
    [Fact]
    public void Each_task_has_its_own_pid_and_only_indexers_an_indexer_pid()
    {
        var tasks = new ActiveTasks();
        using var compaction = tasks.Start("database_compaction", "db");
        using var indexer = tasks.Start("indexer", "db", "_design/d");
        Assert.Null(compaction.IndexerPid);
        Assert.Matches("^<0\\.[0-9]+\\.0>$", indexer.IndexerPid!);
        Assert.Equal(3, new[] { compaction.Pid, indexer.Pid, indexer.IndexerPid }.Distinct().Count());
    }

    [Fact]
    public void Tasks_are_listed_by_pid_as_text_as_lists_sort_orders_them()
    {
        var tasks = new ActiveTasks();
        var started = Enumerable.Range(0, 12).Select(i => tasks.Start("database_compaction", "db" + i)).ToList();
        var pids = tasks.All().Select(t => t.Pid).ToList();
        Assert.Equal(started.Select(t => t.Pid).Order(StringComparer.Ordinal), pids);
        Assert.Equal("<0.10.0>", pids[1]);
        started[0].Dispose();
        Assert.DoesNotContain(started[0], tasks.All());
        Assert.Equal(11, tasks.All().Count);
    }
}
