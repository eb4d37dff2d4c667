using CouchJs.Storage.Files;
using CouchJs.Storage.IO;

namespace CouchJs.Storage.Database.Compaction;

/// <summary>
/// Compaction by copy-and-swap (after couch_bt_engine_compactor): copy the live entries of a snapshot
/// into <c>&lt;name&gt;.compact.data</c> in batches, committing a checkpoint after each so a crash
/// resumes; catch up with writes made meanwhile (diffing tree versions) until the gap is small; then,
/// holding the write lock, catch up last, commit, and swap the files by renames.
/// </summary>
internal sealed class Compactor(DatabaseFile db, IStorageDirectory directory, CompactionPlan plan, IProgress<CompactionProgress>? progress, CancellationToken cancel)
{
    private long _done;
    private long _total;

    public void Run()
    {
        using var snapshot = db.OpenSnapshot();
        var (target, resume) = OpenTarget(snapshot);
        var copySource = resume?.Source ?? snapshot.Header;
        var targetHeader = resume?.Target ?? new DbHeader();
        CheckPlanCovers(copySource);
        var context = new CompactionContext(snapshot.File, target);
        try
        {
            _total = plan.Trees.Sum(t => t.Count(snapshot.File, copySource.Root(t.Tree)));
            _done = plan.Trees.Sum(t => t.Count(target, targetHeader.Root(t.Tree)));
            targetHeader = Copy(context, copySource, targetHeader, resume?.Checkpoint);
            (copySource, targetHeader) = CatchUpWhileWritersRun(context, copySource, targetHeader);
            lock (db.WriteLock) Swap(context, copySource, targetHeader);
            progress?.Report(new CompactionProgress("swapped", _total, _total));
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    private DbHeader Copy(CompactionContext context, DbHeader source, DbHeader target, CompactionCheckpoint? resumeAt)
    {
        int first = resumeAt?.Tree ?? 0;
        byte[]? lastKey = resumeAt?.LastKey;
        for (int t = first; t < plan.Trees.Count; t++)
        {
            var tree = plan.Trees[t];
            for (bool done = false; !done;)
            {
                cancel.ThrowIfCancellationRequested();
                var copied = tree.CopyBatch(context, source.Root(tree.Tree), target.Root(tree.Tree), lastKey, plan.BatchSize);
                target = target.WithRoot(tree.Tree, copied.Target);
                (lastKey, done) = (copied.LastKey, copied.Done);
                _done += copied.Copied;
                target = Checkpoint(context, source, target, done ? t + 1 : t, done ? null : lastKey);
                progress?.Report(new CompactionProgress("copy", _done, _total));
            }
            lastKey = null;
        }
        return target;
    }

    private (DbHeader Source, DbHeader Target) CatchUpWhileWritersRun(CompactionContext context, DbHeader source, DbHeader target)
    {
        for (int round = 0; round < plan.MaxCatchUpRounds; round++)
        {
            cancel.ThrowIfCancellationRequested();
            var latest = db.Header;
            if (Same(latest, source)) break;
            int changes;
            (target, changes) = CatchUp(context, source, latest, target);
            source = latest;
            target = Checkpoint(context, source, target, plan.Trees.Count, null);
            progress?.Report(new CompactionProgress("catch_up", _done, _total));
            if (changes < plan.BatchSize) break;
        }
        return (source, target);
    }

    // Runs under the write lock: nothing here may call out (no progress reports) or writes could slip in.
    private void Swap(CompactionContext context, DbHeader source, DbHeader target)
    {
        var latest = db.Header;
        if (!Same(latest, source)) (target, _) = CatchUp(context, source, latest, target);
        var final = WithSourceFields(context, latest, target) with { Checkpoint = null, CompactedSeq = latest.UpdateSeq };
        context.Target.Commit(final.Encode());
        context.Target.Dispose();
        directory.Rename(db.CompactDataName, db.CompactName);
        directory.Delete(db.Name);
        directory.Rename(db.CompactName, db.Name);
        db.SwapGeneration(CouchFile.Open(directory.Open(db.Name, create: false), db.Options), final);
    }

    private (DbHeader Target, int Changes) CatchUp(CompactionContext context, DbHeader before, DbHeader after, DbHeader target)
    {
        int changes = 0;
        foreach (var tree in plan.Trees)
        {
            var (root, n) = tree.CatchUp(context, before.Root(tree.Tree), after.Root(tree.Tree), target.Root(tree.Tree));
            target = target.WithRoot(tree.Tree, root);
            changes += n;
        }
        CheckPlanCovers(after);
        _done += changes;
        _total += changes;
        return (target, changes);
    }

    private DbHeader Checkpoint(CompactionContext context, DbHeader source, DbHeader target, int tree, byte[]? lastKey)
    {
        var header = WithSourceFields(context, source, target) with { Checkpoint = new CompactionCheckpoint(source.Encode(), tree, lastKey) };
        context.Target.Commit(header.Encode());
        return header;
    }

    /// <summary>The source's fields with the target's trees; chunks the header points at are copied over.</summary>
    private DbHeader WithSourceFields(CompactionContext context, DbHeader source, DbHeader target)
    {
        var header = source with
        {
            SecurityPointer = context.CopyChunk(source.SecurityPointer),
            PropsPointer = context.CopyChunk(source.PropsPointer),
            Checkpoint = null,
        };
        foreach (var tree in Enum.GetValues<DbTree>()) header = header.WithRoot(tree, target.Root(tree));
        return header;
    }

    private sealed record Resume(DbHeader Source, DbHeader Target, CompactionCheckpoint Checkpoint);

    // A checkpoint is resumed only if it was copying this very database: same uuid, and a source
    // header this file still holds. Anything else is thrown away and the copy starts over.
    private (CouchFile Target, Resume? Resume) OpenTarget(DatabaseSnapshot snapshot)
    {
        string name = db.CompactDataName;
        if (directory.Exists(name))
        {
            var file = CouchFile.Open(directory.Open(name, create: false), db.Options);
            var resume = TryResume(file, snapshot);
            if (resume is not null) return (file, resume);
            file.Dispose();
            directory.Delete(name);
        }
        return (CouchFile.Open(directory.Open(name, create: true), db.Options), null);
    }

    private static Resume? TryResume(CouchFile file, DatabaseSnapshot snapshot)
    {
        if (file.LastHeader is not { } bytes) return null;
        try
        {
            var target = DbHeader.Decode(bytes);
            if (target.Checkpoint is not { } checkpoint) return null;
            var source = DbHeader.Decode(checkpoint.SourceHeader);
            bool same = source.Uuid == snapshot.Header.Uuid && source.UpdateSeq <= snapshot.Header.UpdateSeq
                && Enum.GetValues<DbTree>().All(t => source.Root(t) is not { } r || r.Pointer < snapshot.File.Eof);
            return same ? new Resume(source, target, checkpoint) : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private void CheckPlanCovers(DbHeader header)
    {
        foreach (var tree in Enum.GetValues<DbTree>())
            if (header.Root(tree) is not null && !plan.Trees.Any(t => t.Tree == tree))
                throw new ArgumentException($"the compaction plan does not copy the {tree} tree, which holds data");
    }

    private static bool Same(DbHeader a, DbHeader b) => ReferenceEquals(a, b) || a.Encode().AsSpan().SequenceEqual(b.Encode());
}
