namespace CouchJs.Storage.Files;

/// <summary>A stored chunk or header failed its checksum or does not parse: the bytes on disk are damaged.</summary>
public sealed class CorruptChunkException(string file, long position, string detail)
    : IOException($"Corrupt data in '{file}' at offset {position}: {detail}. Restore the file from a replica or backup.")
{
    public long Position { get; } = position;
}

/// <summary>
/// An earlier write or sync failed, so the file refuses further writes (a latch): what reached disk
/// before is intact, but nothing after the failure can be trusted to be durable.
/// </summary>
public sealed class StorageFailedException(string file, Exception cause)
    : IOException($"'{file}' refuses writes after an I/O failure ({cause.Message}). Fix the disk problem and reopen the database.", cause);
