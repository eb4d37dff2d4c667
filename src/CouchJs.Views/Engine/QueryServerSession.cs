using CouchJs.QueryServers;

namespace CouchJs.Views.Engine;

/// <summary>
/// One checked-out query server used by one piece of work (an index update, a query's reduces),
/// taken from the pool on first use and returned on dispose. Calls are serialized, so the mapper and
/// the writer of an update can share it (a second lease could deadlock a pool of one). An engine that
/// failed fatally (timeout, dead process) is discarded and the next call takes a fresh one.
/// </summary>
internal sealed class QueryServerSession(IQueryServerPool pool, string language, CancellationToken cancel) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private QueryServerLease? _lease;

    /// <summary>
    /// The session's engine runs in this process (Jint): it shares the cores with the updater's reading
    /// and writing. False before an engine is taken.
    /// </summary>
    public bool InProcess => _lease?.Server is JintQueryServer;

    /// <summary>
    /// Takes an engine now if the pool has one free within <paramref name="wait"/>; false otherwise. A
    /// second engine for one piece of work must not wait on a full pool, whose engines that work may hold.
    /// </summary>
    public async Task<bool> TryTake(TimeSpan wait)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(wait);
        try
        {
            _lease ??= await pool.Acquire(language, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Runs <paramref name="call"/> on the session's engine, one call at a time.</summary>
    public async Task<T> Run<T>(Func<IQueryServer, Task<T>> call)
    {
        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            _lease ??= await pool.Acquire(language, cancel).ConfigureAwait(false);
            try
            {
                return await call(_lease.Server).ConfigureAwait(false);
            }
            catch (QueryServerException e) when (e.Fatal)
            {
                await DropLease().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// <see cref="Run"/> for the B+tree's reducer, which is synchronous: reductions are computed inside
    /// its write and fold passes, on the updater's thread or a query's.
    /// </summary>
    public T RunSync<T>(Func<IQueryServer, Task<T>> call) => Run(call).GetAwaiter().GetResult();

    private async Task DropLease()
    {
        if (_lease is null) return;
        _lease.Discard();
        await _lease.DisposeAsync().ConfigureAwait(false);
        _lease = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_lease is not null) await _lease.DisposeAsync().ConfigureAwait(false);
            _lease = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
