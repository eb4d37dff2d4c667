namespace CouchJs.Storage.IO;

/// <summary>
/// Where a database's files live: a folder on disk, or memory for tests. Compaction's swap is a
/// sequence of renames and a delete, done through this so both kinds behave alike.
/// </summary>
public interface IStorageDirectory
{
    bool Exists(string name);

    /// <summary>Opens a file; creates it empty when <paramref name="create"/> and it is missing.</summary>
    IStorageDevice Open(string name, bool create);

    void Delete(string name);

    /// <summary>Renames, replacing any file at <paramref name="to"/>. Open devices stay usable.</summary>
    void Rename(string from, string to);
}

/// <summary>A folder on disk.</summary>
public sealed class DiskDirectory(string path) : IStorageDirectory
{
    public string Path { get; } = path;

    public bool Exists(string name) => File.Exists(Full(name));

    public IStorageDevice Open(string name, bool create)
    {
        if (create) Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Full(name))!);
        return FileDevice.Open(Full(name), create);
    }

    public void Delete(string name) => File.Delete(Full(name));

    public void Rename(string from, string to) => File.Move(Full(from), Full(to), overwrite: true);

    private string Full(string name) => System.IO.Path.Combine(Path, name);
}

/// <summary>Files in memory: devices by name.</summary>
public sealed class MemoryDirectory : IStorageDirectory
{
    private readonly Dictionary<string, MemoryDevice> _files = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public bool Exists(string name)
    {
        lock (_lock) return _files.ContainsKey(name);
    }

    public IStorageDevice Open(string name, bool create)
    {
        lock (_lock)
        {
            if (_files.TryGetValue(name, out var device)) return new SharedDevice(device);
            if (!create) throw new FileNotFoundException($"no file '{name}'", name);
            return new SharedDevice(_files[name] = new MemoryDevice());
        }
    }

    /// <summary>The bytes of a file now, e.g. to simulate a crash by reopening a copy.</summary>
    public byte[] Snapshot(string name)
    {
        lock (_lock) return _files[name].ToArray();
    }

    /// <summary>Replaces a file's bytes, e.g. with a cut or corrupted copy.</summary>
    public void Put(string name, byte[] bytes)
    {
        lock (_lock) _files[name] = new MemoryDevice(bytes);
    }

    public void Delete(string name)
    {
        lock (_lock) _files.Remove(name);
    }

    public void Rename(string from, string to)
    {
        lock (_lock)
        {
            if (!_files.Remove(from, out var device)) throw new FileNotFoundException($"no file '{from}'", from);
            _files[to] = device;
        }
    }

    // Closing a handle must not destroy the bytes the directory still names.
    private sealed class SharedDevice(MemoryDevice inner) : IStorageDevice
    {
        public string Name => inner.Name;

        public long Length => inner.Length;

        public int Read(long offset, Span<byte> destination) => inner.Read(offset, destination);

        public void Write(long offset, ReadOnlySpan<byte> source) => inner.Write(offset, source);

        public void Sync() => inner.Sync();

        public void Truncate(long length) => inner.Truncate(length);

        public void Dispose()
        {
        }
    }
}
