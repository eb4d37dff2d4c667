namespace CouchJs.QueryServers;

/// <summary>
/// Hands out engines by design-doc language ("javascript", "javascript_jint", "javascript_v8", or a
/// configured external language), bounded per engine (os_process_limit); waits when all are busy.
/// </summary>
public interface IQueryServerPool
{
    /// <summary>
    /// Checks out an engine for <paramref name="language"/>. Unknown languages throw
    /// <see cref="QueryServerException"/> with CouchDB's unknown_query_language error.
    /// </summary>
    ValueTask<QueryServerLease> Acquire(string language, CancellationToken ct);

    /// <summary>
    /// As <see cref="Acquire(string, CancellationToken)"/>, preferring an idle engine whose
    /// <see cref="IQueryServer.Loaded"/> is <paramref name="warmFor"/> (its functions are loaded already),
    /// as couch_proc_manager prefers a process that knows the design doc.
    /// </summary>
    ValueTask<QueryServerLease> Acquire(string language, string? warmFor, CancellationToken ct) => Acquire(language, ct);

    /// <summary>The engine <c>language: "javascript"</c> runs on now, for <c>/_node/_local/_versions</c>.</summary>
    (string Name, string Version) JavaScriptEngine { get; }
}

/// <summary>A checked-out engine; disposing returns it to its pool, or discards it after <see cref="Discard"/>.</summary>
public sealed class QueryServerLease(IQueryServer server, Action<IQueryServer, bool> release) : IAsyncDisposable
{
    private int _released;
    private bool _discard;

    public IQueryServer Server { get; } = server;

    /// <summary>The engine is broken (timeout, fatal error, dead process): it is not reused.</summary>
    public void Discard() => _discard = true;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release(Server, _discard);
        return ValueTask.CompletedTask;
    }
}
