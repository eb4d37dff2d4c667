using System.Diagnostics;

namespace CouchJs.QueryServers.Pooling;

/// <summary>
/// The engines of one kind (one <see cref="EngineSpec"/>), bounded by <see cref="QueryServerSettings.PoolBound"/>,
/// as couch_proc_manager keeps a language's processes: an idle engine warm for the caller's
/// functions first, then any idle engine (most recently used), then a new one while under the bound;
/// past it callers wait in order. A broken or dead engine, or one made under an older timeout, is
/// disposed instead of going back.
/// Invariant: <c>_count</c> = idle + checked out + being created (each waiter handed a slot counts).
/// </summary>
internal sealed class EnginePool
{
    private readonly Lock _lock = new();
    private readonly List<(LineProtocolServer Server, long Since)> _idle = [];
    private readonly LinkedList<TaskCompletionSource<LineProtocolServer?>> _waiters = new();
    private readonly Func<CancellationToken, Task<LineProtocolServer>> _create;
    private readonly Func<QueryServerSettings> _settings;
    private int _count;
    private bool _disposed;

    public EnginePool(Func<CancellationToken, Task<LineProtocolServer>> create, Func<QueryServerSettings> settings)
    {
        _create = create;
        _settings = settings;
        Release = (server, discard) => Return((LineProtocolServer)server, discard);
    }

    /// <summary>What a lease calls when it is disposed.</summary>
    public Action<IQueryServer, bool> Release { get; }

    /// <summary>Engines alive or being made.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _count;
        }
    }

    /// <summary>Engines waiting in the pool.</summary>
    public int IdleCount
    {
        get
        {
            lock (_lock) return _idle.Count;
        }
    }

    public async ValueTask<LineProtocolServer> Acquire(string? warmFor, CancellationToken ct)
    {
        TaskCompletionSource<LineProtocolServer?>? waiter = null;
        List<LineProtocolServer> stale = [];
        bool create = false;
        LineProtocolServer? found;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var settings = _settings();
            found = TakeIdle(warmFor, settings, stale);
            if (found is null && _count < settings.PoolBound)
            {
                _count++;
                create = true;
            }
            if (found is null && !create)
            {
                waiter = new(TaskCreationOptions.RunContinuationsAsynchronously);
                Enqueue(waiter, ct);
            }
        }
        DisposeAll(stale);
        if (found is not null) return found;
        if (waiter is not null) found = await waiter.Task.ConfigureAwait(false);
        return found ?? await Create(ct).ConfigureAwait(false);
    }

    // Called with a slot counted for the caller.
    private async Task<LineProtocolServer> Create(CancellationToken ct)
    {
        try
        {
            return await _create(ct).ConfigureAwait(false);
        }
        catch
        {
            lock (_lock) PassSlot();
            throw;
        }
    }

    private void Enqueue(TaskCompletionSource<LineProtocolServer?> waiter, CancellationToken ct)
    {
        var node = _waiters.AddLast(waiter);
        if (!ct.CanBeCanceled) return;
        // Whoever takes the node off the list decides the waiter's fate: the canceller or a releaser.
        var registration = ct.Register(() =>
        {
            lock (_lock)
            {
                if (node.List is null) return;
                _waiters.Remove(node);
            }
            waiter.TrySetCanceled(ct);
        });
        waiter.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, TaskScheduler.Default);
    }

    private LineProtocolServer? TakeIdle(string? warmFor, QueryServerSettings settings, List<LineProtocolServer> stale)
    {
        int pick = -1;
        for (int i = _idle.Count - 1; i >= 0; i--)
        {
            var server = _idle[i].Server;
            if (!Fits(server, settings))
            {
                stale.Add(server);
                _idle.RemoveAt(i);
                _count--;
                if (pick > i) pick--;
                continue;
            }
            if (pick < 0) pick = i;
            if (warmFor is not null && server.Loaded == warmFor)
            {
                pick = i;
                break;
            }
        }
        if (pick < 0) return null;
        var taken = _idle[pick].Server;
        _idle.RemoveAt(pick);
        return taken;
    }

    private static bool Fits(LineProtocolServer server, QueryServerSettings settings) =>
        server.Usable && server.Timeout == settings.Timeout;

    private void Return(LineProtocolServer server, bool discard)
    {
        lock (_lock)
        {
            var settings = _settings();
            if (!discard && !_disposed && Fits(server, settings) && _count <= settings.PoolBound)
            {
                while (_waiters.First is { } first)
                {
                    _waiters.RemoveFirst();
                    if (first.Value.TrySetResult(server)) return;
                }
                _idle.Add((server, Stopwatch.GetTimestamp()));
                return;
            }
            PassSlot();
        }
        Dispose(server);
    }

    // A slot is free (its engine is gone): the first waiter may make an engine in it, else it is given up.
    private void PassSlot()
    {
        if (!_disposed && _count <= _settings().PoolBound)
        {
            while (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                if (first.Value.TrySetResult(null)) return;
            }
        }
        _count--;
    }

    /// <summary>The bound may have grown: lets waiters make engines in the new slots.</summary>
    public void BoundChanged()
    {
        lock (_lock)
        {
            int bound = _settings().PoolBound;
            while (_count < bound && _waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                if (first.Value.TrySetResult(null)) _count++;
            }
        }
    }

    /// <summary>Stops engines idle longer than <see cref="QueryServerSettings.IdleLimit"/> while more than the soft limit are alive.</summary>
    public void TrimIdle()
    {
        List<LineProtocolServer> expired = [];
        lock (_lock)
        {
            var settings = _settings();
            while (_count > settings.SoftLimit && _idle.Count > 0 && Stopwatch.GetElapsedTime(_idle[0].Since) >= settings.IdleLimit)
            {
                expired.Add(_idle[0].Server);
                _idle.RemoveAt(0);
                _count--;
            }
        }
        DisposeAll(expired);
    }

    public async ValueTask DisposeAsync()
    {
        List<LineProtocolServer> idle;
        lock (_lock)
        {
            _disposed = true;
            idle = [.. _idle.Select(i => i.Server)];
            _count -= _idle.Count;
            _idle.Clear();
            foreach (var waiter in _waiters) waiter.TrySetException(new ObjectDisposedException(nameof(EnginePool)));
            _waiters.Clear();
        }
        foreach (var server in idle) await server.DisposeAsync().ConfigureAwait(false);
    }

    private static void DisposeAll(List<LineProtocolServer> servers)
    {
        foreach (var server in servers) Dispose(server);
    }

    // In the background: stopping a process waits for its exit, which no caller should.
    private static void Dispose(LineProtocolServer server) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The engine is already broken or gone; nothing more to do.
            }
        });
}
