using CouchJs.Storage.Database;
using CouchJs.Storage.Database.Compaction;
using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;

namespace CouchJs.Storage.Tests.Database;

public class CompactionTests
{
    private const string Name = "db.couch";

    private static List<(string, string?)> Batch(Random random, SortedDictionary<string, string> model, int size, int keySpace)
    {
        var batch = new List<(string, string?)>();
        for (int i = 0; i < size; i++)
        {
            string id = $"doc{random.Next(keySpace):D6}";
            string? body = random.Next(8) == 0 ? null : $"{{\"v\":{random.Next()},\"pad\":\"{new string('x', random.Next(200))}\"}}";
            batch.Add((id, body));
            if (body is null) model.Remove(id);
            else model[id] = body;
        }
        return batch;
    }

    private static (MemoryDirectory, TestStore, SortedDictionary<string, string>) Filled(int seed, int batches = 60)
    {
        var directory = new MemoryDirectory();
        var store = new TestStore(directory, Name, create: true);
        var model = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var random = new Random(seed);
        for (int b = 0; b < batches; b++) store.Write(Batch(random, model, 50, 800));
        return (directory, store, model);
    }

    [Fact]
    public void CompactionKeepsContentsAndShrinksTheFile()
    {
        var (directory, store, model) = Filled(1);
        var before = store.ReadAll();
        Assert.Equal(model, before);
        long sizeBefore = store.Db.File.Eof;
        var header = store.Db.Header;

        var reports = new List<CompactionProgress>();
        store.Db.Compact(TestStore.Plan(), new SyncProgress(reports.Add));

        Assert.Equal(model, store.ReadAll());
        Assert.True(store.Db.File.Eof < sizeBefore / 2, $"{store.Db.File.Eof} !< {sizeBefore}/2");
        Assert.Equal(header.UpdateSeq, store.Db.Header.UpdateSeq);
        Assert.Equal(header.UpdateSeq, store.Db.Header.CompactedSeq);
        Assert.Equal(header.Uuid, store.Db.Header.Uuid);
        Assert.Null(store.Db.Header.Checkpoint);
        Assert.False(directory.Exists(Name + ".compact.data"));
        Assert.False(directory.Exists(Name + ".compact"));
        Assert.Contains(reports, r => r.Phase == "copy" && r.Percent == 100);

        store.Dispose();
        using var reopened = new TestStore(directory, Name, create: false);
        Assert.Equal(model, reopened.ReadAll());
    }

    [Fact]
    public void WritesDuringCompactionAreCaughtUp()
    {
        var (_, store, model) = Filled(2);
        var random = new Random(3);
        int calls = 0;
        // Writers keep going while the copy runs: each progress report lands a batch.
        var progress = new SyncProgress(_ =>
        {
            if (calls++ < 40) store.Write(Batch(random, model, 30, 1200));
        });
        store.Db.Compact(TestStore.Plan(batchSize: 50), progress);
        Assert.Equal(model, store.ReadAll());
        store.Write(Batch(random, model, 30, 1200));
        Assert.Equal(model, store.ReadAll());
    }

    [Fact]
    public void SnapshotsTakenBeforeTheSwapKeepReading()
    {
        var (_, store, model) = Filled(4);
        using var old = store.Db.OpenSnapshot();
        var oldRoot = old.Header.Root(DbTree.ById);
        store.Db.Compact(TestStore.Plan());
        var ids = CouchJs.Storage.BTrees.BTree<ReadOnlyMemory<byte>, TestStore.DocEntry, long>.Open(old.File, TestStore.IdSpec, oldRoot);
        Assert.Equal(model.Count, ids.Enumerate().Count());
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void CancelledCompactionResumesWithoutLoss(int seed)
    {
        var (directory, store, model) = Filled(seed);
        var random = new Random(seed);
        int stopAfter = random.Next(1, 12);
        using var cancel = new CancellationTokenSource();
        int calls = 0;
        var progress = new SyncProgress(_ =>
        {
            store.Write(Batch(random, model, 20, 900));
            if (++calls == stopAfter) cancel.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => store.Db.Compact(TestStore.Plan(batchSize: 40), progress, cancel.Token));
        Assert.True(directory.Exists(Name + ".compact.data"));
        Assert.Equal(model, store.ReadAll());

        store.Write(Batch(random, model, 20, 900));
        store.Db.Compact(TestStore.Plan(batchSize: 40));
        Assert.Equal(model, store.ReadAll());
        Assert.False(directory.Exists(Name + ".compact.data"));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(26)]
    public void CrashAtAnyPointOfACompactionLosesNothing(int seed)
    {
        var (directory, store, model) = Filled(seed);
        var random = new Random(seed);
        int crashAt = random.Next(1, 20);
        int calls = 0;
        MemoryDirectory? crashed = null;
        SortedDictionary<string, string>? modelAtCrash = null;
        var progress = new SyncProgress(_ =>
        {
            store.Write(Batch(random, model, 10, 900));
            if (++calls != crashAt) return;
            // The machine dies here: only what the files hold now survives.
            crashed = new MemoryDirectory();
            foreach (var name in new[] { Name, Name + ".compact.data", Name + ".compact" })
                if (directory.Exists(name)) crashed.Put(name, directory.Snapshot(name));
            modelAtCrash = new SortedDictionary<string, string>(model, StringComparer.Ordinal);
        });
        store.Db.Compact(TestStore.Plan(batchSize: 40), progress);
        Assert.Equal(model, store.ReadAll());
        Assert.NotNull(crashed);

        using var recovered = new TestStore(crashed, Name, create: false);
        Assert.Equal(modelAtCrash, recovered.ReadAll());
        recovered.Db.Compact(TestStore.Plan(batchSize: 40));
        Assert.Equal(modelAtCrash, recovered.ReadAll());
    }

    [Fact]
    public void InterruptedSwapIsFinishedOnOpen()
    {
        var (directory, store, model) = Filled(31);
        store.Db.Compact(TestStore.Plan());
        store.Dispose();
        var compacted = directory.Snapshot(Name);

        // Crash after renaming .compact.data to .compact, before deleting the old file.
        var both = new MemoryDirectory();
        both.Put(Name, [1, 2, 3]);
        both.Put(Name + ".compact", compacted);
        using (var s = new TestStore(both, Name, create: false)) Assert.Equal(model, s.ReadAll());
        Assert.False(both.Exists(Name + ".compact"));

        // Crash after deleting the old file, before the last rename.
        var onlyCompact = new MemoryDirectory();
        onlyCompact.Put(Name + ".compact", compacted);
        Assert.True(DatabaseFile.Exists(onlyCompact, Name));
        using (var s = new TestStore(onlyCompact, Name, create: false)) Assert.Equal(model, s.ReadAll());
    }

    [Fact]
    public void ACheckpointOfAnotherDatabaseIsDiscarded()
    {
        var (directory, store, model) = Filled(41);
        var (otherDirectory, other, _) = Filled(42);
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            other.Db.Compact(TestStore.Plan(batchSize: 20), new SyncProgress(_ => cancel.Cancel()), cancel.Token));
        directory.Put(Name + ".compact.data", otherDirectory.Snapshot(Name + ".compact.data"));

        store.Db.Compact(TestStore.Plan());
        Assert.Equal(model, store.ReadAll());
    }

    [Fact]
    public void APlanThatMissesATreeWithDataIsRefused()
    {
        var (_, store, model) = Filled(51, batches: 3);
        var partial = new CompactionPlan([TestStore.Plan().Trees[0]]);
        Assert.Throws<ArgumentException>(() => store.Db.Compact(partial));
        Assert.Equal(model, store.ReadAll());
    }

    [Fact]
    public void CompactionWorksOnDisk()
    {
        string dir = Path.Combine(Path.GetTempPath(), "couchjs-compact-" + Guid.NewGuid().ToString("N"));
        try
        {
            var directory = new DiskDirectory(dir);
            var model = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var random = new Random(61);
            using (var store = new TestStore(directory, Name, create: true))
            {
                for (int b = 0; b < 40; b++) store.Write(Batch(random, model, 50, 500));
                long before = new FileInfo(Path.Combine(dir, Name)).Length;
                store.Db.Compact(TestStore.Plan());
                Assert.True(new FileInfo(Path.Combine(dir, Name)).Length < before);
                Assert.Equal(model, store.ReadAll());
            }
            Assert.Equal([Name], Directory.GetFiles(dir).Select(Path.GetFileName));
            using var reopened = new TestStore(directory, Name, create: false);
            Assert.Equal(model, reopened.ReadAll());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>IProgress that reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<CompactionProgress> report) : IProgress<CompactionProgress>
    {
        public void Report(CompactionProgress value) => report(value);
    }
}
