using System.Text;
using CouchJs.Database.Changes;
using CouchJs.Database.Documents;

namespace CouchJs.Database.Tests.Changes;

public sealed class CommitSignalTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private readonly DatabaseServer _server = new(null, DatabaseOptions.Default);
    private CouchDatabase _db = null!;
    private CommitSignal _signal = null!;

    public Task InitializeAsync()
    {
        _db = _server.Create("db");
        _signal = CommitSignal.For(_server, _db);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task Write(string id) => _db.UpdateDoc(DocParser.Parse(Encoding.UTF8.GetBytes($$"""{"_id":"{{id}}"}""")));

    [Fact]
    public async Task A_database_already_past_the_seq_answers_at_once()
    {
        await Write("a");
        Assert.Equal(CommitWait.Updated, await _signal.WaitAsync(0, Long, CancellationToken.None));
    }

    [Fact]
    public async Task A_commit_wakes_every_waiter()
    {
        var waiters = Enumerable.Range(0, 1000).Select(_ => _signal.WaitAsync(0, Long, CancellationToken.None)).ToList();
        await Task.Delay(50);
        Assert.DoesNotContain(waiters, w => w.IsCompleted);
        await Write("a");
        Assert.All(await Task.WhenAll(waiters), result => Assert.Equal(CommitWait.Updated, result));
    }

    [Fact]
    public async Task A_commit_that_leaves_the_seq_keeps_waiting()
    {
        var waiting = _signal.WaitAsync(0, TimeSpan.FromMilliseconds(300), CancellationToken.None);
        await _db.UpdateLocal("_local/x", null, false, "{}"u8.ToArray());
        Assert.Equal(CommitWait.TimedOut, await waiting);
    }

    [Fact]
    public async Task No_commit_times_out()
    {
        var started = DateTime.UtcNow;
        Assert.Equal(CommitWait.TimedOut, await _signal.WaitAsync(0, TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(90));
    }

    [Fact]
    public async Task Deleting_the_database_ends_the_wait()
    {
        var waiting = _signal.WaitAsync(0, Long, CancellationToken.None);
        await _server.Delete("db");
        Assert.Equal(CommitWait.Deleted, await waiting);
        Assert.True(_signal.Deleted);
    }

    [Fact]
    public async Task A_new_database_of_the_deleted_name_has_its_own_signal()
    {
        await _server.Delete("db");
        var again = _server.Create("db");
        var signal = CommitSignal.For(_server, again);
        Assert.False(signal.Deleted);
        Assert.Equal(CommitWait.TimedOut, await signal.WaitAsync(0, TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public async Task Cancellation_throws()
    {
        using var cancel = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _signal.WaitAsync(0, Long, cancel.Token));
    }
}
