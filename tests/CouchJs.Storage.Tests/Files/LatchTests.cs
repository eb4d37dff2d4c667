using CouchJs.Storage.BTrees;
using CouchJs.Storage.Compression;
using CouchJs.Storage.CrashWriter;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;

namespace CouchJs.Storage.Tests.Files;

/// <summary>
/// After a failed write or sync the file latches: it refuses every later write (even if the disk
/// seems to work again), committed data stays readable, and the bytes on disk reopen to the last
/// commit that returned — or, when only the final sync of a commit failed, possibly to that commit.
/// </summary>
public class LatchTests
{
    /// <summary>Five batches, each a 600 KB raw chunk (so appends overflow the write buffer) and tree changes.</summary>
    private sealed class Script
    {
        public const int Batches = 5;

        public Script()
        {
            var rng = new Random(77);
            var state = new SortedDictionary<long, long>();
            States.Add([]);
            for (int b = 1; b <= Batches; b++)
            {
                var inserts = new List<KeyValuePair<long, long>>();
                for (int i = 0; i < 300; i++) inserts.Add(new(rng.NextInt64(0, 100_000), rng.NextInt64(1000)));
                var removes = state.Keys.Where(_ => rng.Next(10) == 0).ToList();
                var ballast = new byte[600_000];
                rng.NextBytes(ballast);
                foreach (long k in removes) state.Remove(k);
                foreach (var (k, v) in inserts) state[k] = v;
                Changes.Add((inserts, removes, ballast));
                States.Add(new SortedDictionary<long, long>(state));
            }
        }

        public List<(List<KeyValuePair<long, long>> Inserts, List<long> Removes, byte[] Ballast)> Changes { get; } = [];

        public List<SortedDictionary<long, long>> States { get; } = [];
    }

    private static readonly Script Plan = new();

    private sealed record Run(
        CouchFile File, BTree<long, long, long> Tree, int Committed, StorageFailedException? Failure, bool InCommit, int SyncsInCommit);

    private static Run Execute(IStorageDevice device)
    {
        var file = CouchFile.Open(device, new CouchFileOptions { Compression = FileCompression.None });
        var tree = new BTree<long, long, long>(file, Trees.Summed);
        int committed = 0;
        bool inCommit = false;
        int syncsBefore = 0;
        var faulty = device as FaultyDevice;
        try
        {
            for (int b = 1; b <= Script.Batches; b++)
            {
                var (inserts, removes, ballast) = Plan.Changes[b - 1];
                file.Append(ballast);
                file.Append(ballast);
                var next = tree.Modify(inserts, removes);
                inCommit = true;
                syncsBefore = faulty?.Syncs ?? 0;
                file.Commit(BatchHeader.Encode(b, next.ToStoredRoot()));
                inCommit = false;
                tree = next;
                committed = b;
            }
            return new(file, tree, committed, null, false, 0);
        }
        catch (StorageFailedException e)
        {
            return new(file, tree, committed, e, inCommit, (faulty?.Syncs ?? 0) - syncsBefore);
        }
    }

    public static TheoryData<string, int, bool> FailurePoints()
    {
        var probe = new FaultyDevice(new MemoryDevice());
        var run = Execute(probe);
        Assert.Null(run.Failure);
        Assert.Equal(Script.Batches, run.Committed);
        Assert.Equal(2 * Script.Batches, probe.Syncs);
        Assert.True(probe.Writes > 2 * Script.Batches, $"only {probe.Writes} writes: appends never overflowed the buffer");
        var data = new TheoryData<string, int, bool>();
        foreach (bool transient in new[] { false, true })
        {
            for (int i = 0; i < probe.Writes; i++) data.Add("write", i, transient);
            for (int i = 0; i < probe.Syncs; i++) data.Add("sync", i, transient);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FailurePoints))]
    public void AFailedWriteOrSyncLatchesTheFile(string what, int at, bool transient)
    {
        var inner = new MemoryDevice();
        var device = new FaultyDevice(inner)
        {
            FailWriteAt = what == "write" ? at : -1,
            FailSyncAt = what == "sync" ? at : -1,
            Transient = transient,
        };
        var run = Execute(device);
        var file = run.File;

        Assert.NotNull(run.Failure);
        Assert.True(device.Failed);
        Assert.IsType<IOException>(run.Failure.InnerException);
        Assert.Contains("injected", run.Failure.Message);
        Assert.Contains("refuses writes", run.Failure.Message);

        // Every later write is refused with the same clear error, and nothing reaches the device,
        // even when the device would now accept it.
        var later = new List<Exception>
        {
            Assert.Throws<StorageFailedException>(() => file.Append([1, 2, 3])),
            Assert.Throws<StorageFailedException>(() => file.Commit([1])),
            Assert.Throws<StorageFailedException>(() => file.Flush()),
            Assert.Throws<StorageFailedException>(() => run.Tree.Modify([new(-1, -1)])),
        };
        Assert.All(later, e => Assert.Contains("refuses writes after an I/O failure (injected", e.Message));
        Assert.Equal(0, device.CallsAfterFailure);

        // The last commit that returned is still what the open file reads.
        if (run.Committed == 0) Assert.Null(file.LastHeader);
        else
        {
            var (batch, tree) = FileAssert.Head(file);
            Assert.Equal(run.Committed, batch);
            Assert.Equal(ReadOutcome.Exact, FileAssert.ReadAll(tree, Plan.States[run.Committed], allowCorrupt: false));
        }
        file.Dispose();
        Assert.Equal(0, device.CallsAfterFailure);
        Assert.True(device.Disposed);

        // The bytes on disk reopen to that commit. Only a failed final sync leaves the new header
        // written, and then that commit may count too (fsync failed: durability unknown).
        bool headerWritten = run.InCommit && what == "sync" && run.SyncsInCommit == 2;
        var reopened = CouchFile.Open(new MemoryDevice(inner.ToArray()));
        int expected = headerWritten ? run.Committed + 1 : run.Committed;
        if (expected == 0)
        {
            Assert.Null(reopened.LastHeader);
            return;
        }
        var (recovered, recoveredTree) = FileAssert.Head(reopened);
        Assert.Equal(expected, recovered);
        Assert.Equal(ReadOutcome.Exact, FileAssert.ReadAll(recoveredTree, Plan.States[expected], allowCorrupt: false));

        // And the reopened file takes commits again.
        var next = recoveredTree.Modify([new(-7, 7)]);
        reopened.Commit(BatchHeader.Encode(expected + 1, next.ToStoredRoot()));
        Assert.True(next.TryGet(-7, out long seven));
        Assert.Equal(7, seven);
    }

    [Fact]
    public void AFailedFlushOnDisposeStillClosesTheDevice()
    {
        var device = new FaultyDevice(new MemoryDevice()) { FailWriteAt = 0 };
        var file = CouchFile.Open(device);
        file.Append([1, 2, 3]);
        var e = Assert.Throws<StorageFailedException>(file.Dispose);
        Assert.Contains("injected write failure", e.Message);
        Assert.True(device.Disposed);
    }

    [Fact]
    public void ReadsOfCommittedDataRunWhileTheFileIsLatched()
    {
        var inner = new MemoryDevice();
        var device = new FaultyDevice(inner) { FailSyncAt = 4 };
        var run = Execute(device);
        Assert.Equal(2, run.Committed);
        var (_, tree) = FileAssert.Head(run.File);
        var expected = Plan.States[2];
        Parallel.For(0, 8, _ => Assert.Equal(ReadOutcome.Exact, FileAssert.ReadAll(tree, expected, allowCorrupt: false)));
        var first = Plan.States[2].First();
        Assert.True(tree.TryGet(first.Key, out long v));
        Assert.Equal(first.Value, v);
    }
}
