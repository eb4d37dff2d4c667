using CouchJs.Storage.Files;

namespace CouchJs.Storage.Database.Compaction;

/// <summary>
/// What a compaction's value relocators use: the source and target files, and a copy of chunks
/// (document bodies, attachments, the security object) that copies each chunk once however many
/// tree values point at it.
/// </summary>
public sealed class CompactionContext(CouchFile source, CouchFile target)
{
    private readonly Dictionary<long, long> _copied = [];

    public CouchFile Source { get; } = source;

    public CouchFile Target { get; } = target;

    /// <summary>Copies the chunk at <paramref name="sourcePointer"/> into the target; returns its new position.</summary>
    public long CopyChunk(long sourcePointer)
    {
        if (sourcePointer < 0) return sourcePointer;
        if (_copied.TryGetValue(sourcePointer, out long known)) return known;
        long pointer = Target.Append(Source.Read(sourcePointer)).Position;
        _copied[sourcePointer] = pointer;
        return pointer;
    }
}

/// <summary>Where a compaction is, for _active_tasks: the phase and how many entries are done of how many.</summary>
public readonly record struct CompactionProgress(string Phase, long ChangesDone, long TotalChanges)
{
    public int Percent => TotalChanges <= 0 ? 0 : (int)Math.Min(100, ChangesDone * 100 / TotalChanges);
}
