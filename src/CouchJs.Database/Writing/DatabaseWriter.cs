using System.Threading.Channels;
using CouchJs.Storage.Database;

namespace CouchJs.Database.Writing;

/// <summary>
/// The one writer of a database (couch_db_updater): it takes every op queued while the previous batch
/// was committing, applies them in order to one batch, updates each tree once and commits one header
/// (two fdatasyncs) for all of them — group commit. Ops learn their outcome only after the commit.
/// </summary>
internal sealed class DatabaseWriter : IAsyncDisposable
{
    private const int MaxOpsPerBatch = 4096;

    private readonly Channel<IWriteOp> _queue = Channel.CreateUnbounded<IWriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DatabaseFile _file;
    private readonly DatabaseOptions _options;
    private readonly Task _loop;

    public DatabaseWriter(DatabaseFile file, DatabaseOptions options)
    {
        _file = file;
        _options = options;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Raised after each commit with the new header (changes feeds wake on it).</summary>
    public event Action<DbHeader>? Committed;

    public Task<T> Enqueue<T>(WriteOp<T> op)
    {
        if (!_queue.Writer.TryWrite(op)) throw new CouchException(500, "db_closed", "The database is closing.");
        return op.Task;
    }

    private async Task LoopAsync()
    {
        var ops = new List<IWriteOp>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            ops.Clear();
            while (ops.Count < MaxOpsPerBatch && _queue.Reader.TryRead(out var op)) ops.Add(op);
            RunBatch(ops);
        }
    }

    private void RunBatch(List<IWriteOp> ops)
    {
        DbHeader? committed = null;
        try
        {
            lock (_file.WriteLock)
            {
                var batch = new WriteBatch(_file.File, _file.Header, _options);
                batch.Load(ops.SelectMany(op => op.DocIds));
                var applied = new List<IWriteOp>(ops.Count);
                foreach (var op in ops)
                {
                    try
                    {
                        op.Apply(batch);
                        applied.Add(op);
                    }
                    catch (CouchException error)
                    {
                        op.Fail(error);
                    }
                }
                if (batch.HasChanges)
                {
                    committed = batch.Finish();
                    _file.Commit(committed);
                }
                ops = applied;
            }
        }
        catch (Exception error)
        {
            foreach (var op in ops) op.Fail(error);
            return;
        }
        foreach (var op in ops) op.Complete();
        if (committed is not null) Committed?.Invoke(committed);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
