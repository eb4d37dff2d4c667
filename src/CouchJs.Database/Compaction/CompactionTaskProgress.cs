using CouchJs.Database.Tasks;
using CouchJs.Storage.Database.Compaction;

namespace CouchJs.Database.Compaction;

/// <summary>
/// Shows a compaction's progress in its <c>_active_tasks</c> entry, in CouchDB's terms: copying and
/// catching up are both its "document_copy" (the final swap is no phase of its own), and passes each
/// report on.
/// </summary>
internal sealed class CompactionTaskProgress(ActiveTask? task, IProgress<CompactionProgress>? next) : IProgress<CompactionProgress>
{
    public void Report(CompactionProgress value)
    {
        if (value.Phase is "copy" or "catch_up") task?.Report("document_copy", value.ChangesDone, value.TotalChanges);
        next?.Report(value);
    }
}
