using CouchJs.QueryServers;

namespace CouchJs.Views.CrashIndexer;

/// <summary>
/// A pool of <see cref="FakeQueryServer"/>s: idle ones are reused (so loaded functions stay); at most
/// <paramref name="capacity"/> are out at once, further acquirers wait (or give up when cancelled).
/// </summary>
public sealed class FakePool(FakeFunctions functions, int capacity = int.MaxValue) : IQueryServerPool
{
    private readonly SemaphoreSlim _free = new(capacity, capacity);
    private readonly Stack<FakeQueryServer> _idle = new();
    private readonly List<FakeQueryServer> _all = [];
    private readonly Lock _lock = new();

    public FakeFunctions Functions { get; } = functions;

    public (string Name, string Version) JavaScriptEngine => ("fake", "1");

    /// <summary>Leases not returned yet.</summary>
    public int Outstanding { get; private set; }

    /// <summary>
    /// Leases still out once their holders have had up to 5 s to return them: an update publishes its
    /// last rows (and so answers waiting queries) just before its mappers hand their engines back.
    /// </summary>
    public async Task<int> OutstandingWhenSettled()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Outstanding > 0 && DateTime.UtcNow < deadline) await Task.Delay(5);
        return Outstanding;
    }

    public int MappedDocs
    {
        get
        {
            lock (_lock) return _all.Sum(s => s.MappedDocs);
        }
    }

    public int ReduceCalls
    {
        get
        {
            lock (_lock) return _all.Sum(s => s.ReduceCalls + s.RereduceCalls);
        }
    }

    public async ValueTask<QueryServerLease> Acquire(string language, CancellationToken ct)
    {
        if (language != "javascript") throw QueryServerErrors.UnknownLanguage(language);
        await _free.WaitAsync(ct);
        lock (_lock)
        {
            if (!_idle.TryPop(out var server))
            {
                server = new FakeQueryServer(Functions);
                _all.Add(server);
            }
            Outstanding++;
            return new QueryServerLease(server, Release);
        }
    }

    private void Release(IQueryServer server, bool discard)
    {
        lock (_lock)
        {
            Outstanding--;
            if (discard) _all.Remove((FakeQueryServer)server);
            else _idle.Push((FakeQueryServer)server);
        }
        _free.Release();
    }
}
