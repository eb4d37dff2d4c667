using CouchJs.Storage.Files;

namespace CouchJs.Storage.Database;

/// <summary>
/// One physical file of a database. Compaction replaces it with a new generation; the old one is
/// closed only when the last snapshot reading it is done, so readers finish undisturbed.
/// </summary>
internal sealed class FileGeneration(CouchFile file)
{
    private int _references = 1;

    public CouchFile File { get; } = file;

    public void AddReference() => Interlocked.Increment(ref _references);

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) File.Dispose();
    }
}

/// <summary>A consistent read view: a committed header and the file its pointers point into.</summary>
public sealed class DatabaseSnapshot : IDisposable
{
    private FileGeneration? _generation;

    internal DatabaseSnapshot(FileGeneration generation, DbHeader header)
    {
        _generation = generation;
        Header = header;
    }

    public DbHeader Header { get; }

    public CouchFile File => (_generation ?? throw new ObjectDisposedException(nameof(DatabaseSnapshot))).File;

    public void Dispose() => Interlocked.Exchange(ref _generation, null)?.Release();
}
