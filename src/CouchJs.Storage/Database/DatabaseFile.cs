using CouchJs.Storage.Files;
using CouchJs.Storage.IO;

namespace CouchJs.Storage.Database;

/// <summary>
/// A database's storage: one append-only file, its committed header, a single writer and any
/// number of snapshot readers. Writers hold <see cref="WriteLock"/>, append through
/// <see cref="File"/>, and make a batch durable and visible at once with <see cref="Commit"/>.
/// </summary>
public sealed partial class DatabaseFile : IDisposable
{
    private readonly IStorageDirectory _directory;
    private readonly Lock _generationLock = new();
    private FileGeneration _generation;
    private volatile DbHeader _header;
    private int _compacting;

    private DatabaseFile(IStorageDirectory directory, string name, CouchFileOptions options, CouchFile file, DbHeader header)
    {
        _directory = directory;
        Name = name;
        Options = options;
        _generation = new FileGeneration(file);
        _header = header;
    }

    /// <summary>File name in its directory, e.g. <c>mydb.couch</c>; compaction adds suffixes to it.</summary>
    public string Name { get; }

    public CouchFileOptions Options { get; }

    /// <summary>The newest committed header.</summary>
    public DbHeader Header => _header;

    /// <summary>The file writers append to. Changes after a compaction swap: take it under the write lock.</summary>
    public CouchFile File => _generation.File;

    /// <summary>Held by the one writer while it appends and commits.</summary>
    public Lock WriteLock { get; } = new();

    public string CompactDataName => Name + ".compact.data";

    public string CompactName => Name + ".compact";

    /// <summary>Creates a new database file holding <paramref name="header"/>; fails if one exists.</summary>
    public static DatabaseFile Create(IStorageDirectory directory, string name, DbHeader header, CouchFileOptions? options = null, byte[]? security = null)
    {
        if (directory.Exists(name)) throw new IOException($"database file '{name}' already exists");
        options ??= CouchFileOptions.Default;
        var file = CouchFile.Open(directory.Open(name, create: true), options);
        // A security object given at creation is committed with the first header.
        if (security is not null) header = header with { SecurityPointer = file.Append(security).Position };
        file.Commit(header.Encode());
        return new DatabaseFile(directory, name, options, file, header);
    }

    /// <summary>
    /// Opens an existing database file at its newest valid header, first finishing a compaction swap
    /// that a crash interrupted.
    /// </summary>
    public static DatabaseFile Open(IStorageDirectory directory, string name, CouchFileOptions? options = null)
    {
        options ??= CouchFileOptions.Default;
        RecoverSwap(directory, name);
        var file = CouchFile.Open(directory.Open(name, create: false), options);
        if (file.LastHeader is not { } bytes)
        {
            file.Dispose();
            throw new CorruptChunkException(name, 0, "no valid header (the file was never committed)");
        }
        return new DatabaseFile(directory, name, options, file, DbHeader.Decode(bytes));
    }

    /// <summary>True when the database or a finished compaction of it exists.</summary>
    public static bool Exists(IStorageDirectory directory, string name) =>
        directory.Exists(name) || directory.Exists(name + ".compact");

    /// <summary>Deletes a database's files, compaction leftovers included.</summary>
    public static void Delete(IStorageDirectory directory, string name)
    {
        foreach (var file in new[] { name, name + ".compact", name + ".compact.data" })
            if (directory.Exists(file)) directory.Delete(file);
    }

    /// <summary>A read view of the newest committed state; dispose it when done reading.</summary>
    public DatabaseSnapshot OpenSnapshot()
    {
        lock (_generationLock)
        {
            _generation.AddReference();
            return new DatabaseSnapshot(_generation, _header);
        }
    }

    /// <summary>Makes every chunk appended so far and <paramref name="header"/> durable, then visible to readers.</summary>
    public void Commit(DbHeader header)
    {
        if (!WriteLock.IsHeldByCurrentThread) throw new InvalidOperationException("Commit needs the database's WriteLock");
        File.Commit(header.Encode());
        _header = header;
    }

    /// <summary>Runs one write batch under the write lock: append through the file, return the new header.</summary>
    public DbHeader Update(Func<CouchFile, DbHeader, DbHeader> batch)
    {
        lock (WriteLock)
        {
            var header = batch(File, _header);
            if (!ReferenceEquals(header, _header)) Commit(header);
            return header;
        }
    }

    public void Dispose()
    {
        lock (_generationLock) _generation.Release();
    }

    // The swap is: rename .compact.data to .compact, delete the database file, rename .compact to it.
    // A .compact file is complete and caught up (it is named so only after its final commit), so a
    // crash anywhere in the sequence is finished here.
    private static void RecoverSwap(IStorageDirectory directory, string name)
    {
        string compact = name + ".compact";
        if (!directory.Exists(compact)) return;
        if (directory.Exists(name)) directory.Delete(name);
        directory.Rename(compact, name);
    }

    /// <summary>Replaces the file under the write lock (compaction's last step).</summary>
    internal void SwapGeneration(CouchFile file, DbHeader header)
    {
        FileGeneration old;
        lock (_generationLock)
        {
            old = _generation;
            _generation = new FileGeneration(file);
            _header = header;
        }
        old.Release();
    }
}
