using CouchJs.Storage.IO;

namespace CouchJs.Database;

/// <summary>
/// Every database of the server: names, files under the data directory (<c>&lt;name&gt;.couch</c>,
/// a name's slashes as folders, as CouchDB lays them out), and the open instances, shared by all
/// requests. A null data directory keeps everything in memory (tests).
/// </summary>
public sealed class DatabaseServer : IAsyncDisposable
{
    public const string Suffix = ".couch";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, CouchDatabase> _open = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _names = new(StringComparer.Ordinal);
    private readonly MemoryDirectory? _memory;

    public DatabaseServer(string? dataDir, DatabaseOptions options)
    {
        DataDir = dataDir;
        PurgeClients = options.PurgeClients ?? new Purging.PurgeClients();
        Options = options with { PurgeClients = PurgeClients };
        if (dataDir is null) _memory = new MemoryDirectory();
        else
        {
            Directory.CreateDirectory(dataDir);
            foreach (string name in Scan(dataDir)) _names.Add(name);
        }
    }

    public string? DataDir { get; }

    public DatabaseOptions Options { get; }

    /// <summary>Where view engines (and any other keeper of purge checkpoints) register their checks.</summary>
    public Purging.PurgeClients PurgeClients { get; }

    /// <summary>Raised when a database is created or deleted (name, "created" | "deleted").</summary>
    public event Action<string, string>? DatabaseEvent;

    /// <summary>Raised when a database instance is created or opened (the background view indexer watches its commits).</summary>
    public event Action<CouchDatabase>? Opened;

    public IReadOnlyList<string> AllNames()
    {
        lock (_lock) return [.. _names];
    }

    public bool Exists(string name)
    {
        lock (_lock) return _names.Contains(name);
    }

    /// <summary>
    /// Creates a database, with <paramref name="security"/> (JSON) as its security object from its
    /// first commit when given; 412 <c>file_exists</c> when it is there.
    /// </summary>
    public CouchDatabase Create(string name, byte[]? security = null)
    {
        DbNames.Validate(name);
        CouchDatabase db;
        lock (_lock)
        {
            if (_names.Contains(name))
                throw new CouchException(412, "file_exists", "The database could not be created, the file already exists.");
            var (directory, file) = Locate(name);
            db = CouchDatabase.Create(directory, file, name, Options, security);
            _names.Add(name);
            _open[name] = db;
        }
        Opened?.Invoke(db);
        DatabaseEvent?.Invoke(name, "created");
        return db;
    }

    /// <summary>The open database; 404 when it does not exist.</summary>
    public CouchDatabase Open(string name)
    {
        CouchDatabase db;
        lock (_lock)
        {
            if (_open.TryGetValue(name, out var open)) return open;
            if (!_names.Contains(name)) throw CouchException.DbNotFound();
            var (directory, file) = Locate(name);
            db = CouchDatabase.Open(directory, file, name, Options);
            _open[name] = db;
        }
        Opened?.Invoke(db);
        return db;
    }

    public CouchDatabase? TryOpen(string name) => Exists(name) ? Open(name) : null;

    public async Task Delete(string name)
    {
        CouchDatabase? db;
        lock (_lock)
        {
            if (!_names.Remove(name)) throw CouchException.DbNotFound();
            _open.Remove(name, out db);
        }
        if (db is not null) await db.DisposeAsync().ConfigureAwait(false);
        var (directory, file) = Locate(name);
        Storage.Database.DatabaseFile.Delete(directory, file);
        DatabaseEvent?.Invoke(name, "deleted");
    }

    private (IStorageDirectory Directory, string File) Locate(string name)
    {
        if (_memory is not null) return (_memory, name + Suffix);
        string path = Path.Combine(DataDir!, name + Suffix);
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        return (new DiskDirectory(folder), Path.GetFileName(path));
    }

    private static IEnumerable<string> Scan(string dataDir)
    {
        foreach (string path in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(dataDir, path).Replace(Path.DirectorySeparatorChar, '/');
            string? name = relative.EndsWith(Suffix, StringComparison.Ordinal) ? relative[..^Suffix.Length]
                : relative.EndsWith(Suffix + ".compact", StringComparison.Ordinal) ? relative[..^(Suffix.Length + 8)]
                : null;
            if (name is not null && DbNames.IsValid(name)) yield return name;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<CouchDatabase> open;
        lock (_lock)
        {
            open = [.. _open.Values];
            _open.Clear();
        }
        foreach (var db in open) await db.DisposeAsync().ConfigureAwait(false);
    }
}
