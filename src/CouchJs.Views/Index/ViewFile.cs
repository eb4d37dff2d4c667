using CouchJs.Storage.Files;

namespace CouchJs.Views.Index;

/// <summary>
/// An index file shared by the index and its readers. Compaction replaces it; the old one closes
/// when the last reader lets go. Readers take a reference without locks (<see cref="TryAcquire"/>
/// fails only on a file already let go, and the reader then takes the current one).
/// </summary>
internal sealed class ViewFile(CouchFile file, string name)
{
    private int _references = 1;

    public CouchFile File { get; } = file;

    /// <summary>The file's name in the index directory (<c>&lt;signature&gt;.view</c>).</summary>
    public string Name { get; } = name;

    public bool TryAcquire()
    {
        int seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            int before = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (before == seen) return true;
            seen = before;
        }
        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) File.Dispose();
    }
}
