using CouchJs.Storage.Compression;

namespace CouchJs.Storage.Files;

/// <summary>Settings of one open file.</summary>
public sealed record CouchFileOptions
{
    public static readonly CouchFileOptions Default = new();

    /// <summary>How new chunks are compressed (<c>[couchdb] file_compression</c>; CouchDB's default is snappy).</summary>
    public FileCompression Compression { get; init; } = FileCompression.Snappy;

    /// <summary>Bytes of decoded inner B+tree nodes kept in memory (their payloads, entry arrays and object headers).</summary>
    public long NodeCacheBytes { get; init; } = 64L << 20;

    /// <summary>Sync to disk on commit. Only benchmarks that measure the cost turn it off.</summary>
    public bool SyncOnCommit { get; init; } = true;
}
