using System.Collections.Concurrent;

namespace CouchJs.QueryServers.Jint;

/// <summary>
/// The one thread a Jint engine runs on. Jint interprets recursively on the CLR stack (about 2 KB
/// per JavaScript call level, more for JSON nesting), so the engine gets a stack far larger than a
/// pool thread's; and a runaway script then blocks this thread, never a request thread: a caller
/// that stops waiting abandons the thread, which ends once the script does.
/// </summary>
internal sealed class EngineThread : IDisposable
{
    /// <summary>Reserved, not committed: pages are touched only as deep as scripts recurse.</summary>
    public const int StackBytes = 64 * 1024 * 1024;

    private readonly BlockingCollection<Action> _work = new();

    public EngineThread(string name)
    {
        var thread = new Thread(Loop, StackBytes) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the engine thread; its exceptions are its own to handle.</summary>
    public void Post(Action work) => _work.Add(work);

    /// <summary>Runs <paramref name="work"/> on the engine thread and hands back its result.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>No more work: the thread ends after what it is running now.</summary>
    public void Dispose() => _work.CompleteAdding();

    private void Loop()
    {
        foreach (var work in _work.GetConsumingEnumerable()) work();
        _work.Dispose();
    }
}
