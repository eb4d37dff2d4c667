namespace CouchJs.Storage.IO;

/// <summary>
/// Raw bytes under a <see cref="Files.CouchFile"/>: positional reads and writes, a durable sync.
/// Reads may run on many threads while one writer appends.
/// </summary>
public interface IStorageDevice : IDisposable
{
    /// <summary>Where the device lives, for messages; "memory" for the in-memory device.</summary>
    string Name { get; }

    long Length { get; }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes; returns fewer only at the end.</summary>
    int Read(long offset, Span<byte> destination);

    void Write(long offset, ReadOnlySpan<byte> source);

    /// <summary>Makes every write so far durable (fdatasync).</summary>
    void Sync();

    void Truncate(long length);
}
