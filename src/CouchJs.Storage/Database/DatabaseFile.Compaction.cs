using CouchJs.Storage.Database.Compaction;

namespace CouchJs.Storage.Database;

public sealed partial class DatabaseFile
{
    /// <summary>
    /// Compacts the database while readers and writers go on (see <see cref="Compactor"/>). Resumes a
    /// compaction a crash interrupted. One at a time per database.
    /// </summary>
    public void Compact(CompactionPlan plan, IProgress<CompactionProgress>? progress = null, CancellationToken cancel = default)
    {
        if (Interlocked.Exchange(ref _compacting, 1) == 1) throw new InvalidOperationException($"'{Name}' is already being compacted");
        try
        {
            new Compactor(this, _directory, plan, progress, cancel).Run();
        }
        finally
        {
            Volatile.Write(ref _compacting, 0);
        }
    }

    /// <summary>True while a compaction runs.</summary>
    public bool IsCompacting => Volatile.Read(ref _compacting) == 1;
}
