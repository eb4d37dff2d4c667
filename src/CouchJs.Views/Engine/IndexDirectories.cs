using CouchJs.Storage.IO;

namespace CouchJs.Views.Engine;

/// <summary>
/// The index folder of each database, <c>&lt;root&gt;/.&lt;db&gt;_design/mrview/</c> as CouchDB lays it out
/// (couch_index_util:index_dir), on disk or in memory.
/// </summary>
internal sealed class IndexDirectories(string? root)
{
    private readonly Dictionary<string, NamedMemoryDirectory> _memory = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IStorageDirectory For(string dbName)
    {
        if (root is null)
        {
            lock (_lock)
            {
                if (!_memory.TryGetValue(dbName, out var memory)) _memory[dbName] = memory = new NamedMemoryDirectory();
                return memory;
            }
        }
        string path = MrviewPath(dbName);
        Directory.CreateDirectory(path);
        return new DiskDirectory(path);
    }

    /// <summary>Index file names present for a database (none when its folder does not exist).</summary>
    public IReadOnlyList<string> Files(string dbName)
    {
        if (root is null)
        {
            lock (_lock) return _memory.TryGetValue(dbName, out var memory) ? memory.Names() : [];
        }
        string path = MrviewPath(dbName);
        return Directory.Exists(path) ? [.. Directory.EnumerateFiles(path).Select(Path.GetFileName).OfType<string>()] : [];
    }

    /// <summary>Removes every index of a database (its deletion).</summary>
    public void DeleteAll(string dbName)
    {
        if (root is null)
        {
            lock (_lock) _memory.Remove(dbName);
            return;
        }
        string path = Path.Combine(root, "." + dbName + "_design");
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    private string MrviewPath(string dbName) => Path.Combine(root!, "." + dbName + "_design", "mrview");

    /// <summary>Memory files that can be listed, as a folder's can.</summary>
    private sealed class NamedMemoryDirectory : IStorageDirectory
    {
        private readonly MemoryDirectory _files = new();
        private readonly SortedSet<string> _names = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Names()
        {
            lock (_names) return [.. _names];
        }

        public bool Exists(string name) => _files.Exists(name);

        public IStorageDevice Open(string name, bool create)
        {
            var device = _files.Open(name, create);
            lock (_names) _names.Add(name);
            return device;
        }

        public void Delete(string name)
        {
            _files.Delete(name);
            lock (_names) _names.Remove(name);
        }

        public void Rename(string from, string to)
        {
            _files.Rename(from, to);
            lock (_names)
            {
                _names.Remove(from);
                _names.Add(to);
            }
        }
    }
}
