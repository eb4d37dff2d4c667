namespace CouchJs.QueryServers.Protocol;

/// <summary>
/// Batched commands cut into runs of about <see cref="Bytes"/> of JSON, so each command's text (and
/// its answer's) stays under the 85,000-byte large object threshold as UTF-16: a fresh large string
/// per batch would cost a full garbage collection every few batches.
/// </summary>
internal static class CommandChunks
{
    public const int Bytes = 40_000;

    /// <summary>The end (exclusive) of the run from <paramref name="start"/>: one item at least, then as many as fit.</summary>
    public static int End(int count, int start, Func<int, long> bytesOf)
    {
        int end = start + 1;
        long bytes = bytesOf(start);
        while (end < count && bytes + bytesOf(end) <= Bytes) bytes += bytesOf(end++);
        return end;
    }
}
