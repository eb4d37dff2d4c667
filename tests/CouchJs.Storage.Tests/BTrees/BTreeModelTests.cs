using CouchJs.Storage.BTrees;
using CouchJs.Storage.Compression;
using CouchJs.Storage.Files;
using CouchJs.Storage.Tests.Support;
using Xunit.Abstractions;

namespace CouchJs.Storage.Tests.BTrees;

/// <summary>
/// Seeded random batches against a sorted-dictionary model (see <see cref="TreeModelRunner{TValue}"/>):
/// every batch is followed by point reads, lookups, ranged folds, range and grouped reductions and a
/// diff, all compared with the model; periodically the whole tree, its structure and older versions.
/// </summary>
public class BTreeModelTests(ITestOutputHelper output)
{
    [Fact]
    public void SummedTreeMatchesModelOverOneHundredThousandOperations()
    {
        var run = new TreeModelRunner<long>(TreeKinds.Summed(), new ModelSettings
        {
            Seed = 20240601,
            TargetSize = 25_000,
            KeySpan = 60_000,
            MaxBatch = 1500,
            ReopenEvery = 60,
            CrashChance = 0.3,
            FullCheckEvery = 40,
        });
        run.Fill(15_000);
        run.RunUntil(100_000);
        Report(run);

        Assert.True(run.Mutations >= 100_000);
        Assert.True(run.Reads >= 100_000, $"only {run.Reads} reads");
        Assert.True(run.Crashes >= 1, "the run never dropped uncommitted work");
        Assert.True(run.Reopens >= 3, $"only {run.Reopens} reopens");
        Assert.True(run.MaxHeight >= 3, $"tree never grew past height {run.MaxHeight}");
    }

    [Theory]
    [InlineData("none", 11)]
    [InlineData("snappy", 12)]
    [InlineData("deflate_6", 13)]
    [InlineData("zstd_3", 14)]
    public void CountedTreeMatchesModelAcrossReopensWithEveryCompression(string compression, int seed)
    {
        var options = new CouchFileOptions { Compression = FileCompression.Parse(compression) };
        var run = new TreeModelRunner<ReadOnlyMemory<byte>>(TreeKinds.Counted(chunkSize: 400, maxSize: 120), new ModelSettings
        {
            Seed = seed,
            TargetSize = 3000,
            KeySpan = 8000,
            MaxBatch = 1500,
            ReopenEvery = 8,
            CrashChance = 0.35,
            Options = options,
        });
        run.RunUntil(12_000);
        Report(run);

        Assert.True(run.Reopens >= 6, $"only {run.Reopens} reopens");
        Assert.True(run.Crashes >= 2, $"only {run.Crashes} crashes");
        Assert.True(run.MaxHeight >= 3, $"tree never grew past height {run.MaxHeight}");
    }

    [Fact]
    public void SummedTreeWithSmallChunksIsDeepAndMatchesModel()
    {
        // A small node cache makes inner nodes come back from disk, not only from the cache.
        var run = new TreeModelRunner<long>(TreeKinds.Summed(chunkSize: 64), new ModelSettings
        {
            Seed = 31,
            TargetSize = 4000,
            KeySpan = 10_000,
            ReopenEvery = 40,
            CrashChance = 0.3,
            Options = new CouchFileOptions { NodeCacheBytes = 8 << 10 },
        });
        run.RunUntil(30_000);
        Report(run);

        Assert.True(run.MaxHeight >= 6, $"tree never grew past height {run.MaxHeight}");
    }

    [Fact]
    public void CountedTreeWithSmallChunksIsDeepAndMatchesModel()
    {
        var run = new TreeModelRunner<ReadOnlyMemory<byte>>(TreeKinds.Counted(chunkSize: 64, maxSize: 24), new ModelSettings
        {
            Seed = 32,
            TargetSize = 3000,
            KeySpan = 6000,
            ReopenEvery = 50,
            CrashChance = 0.3,
        });
        run.RunUntil(20_000);
        Report(run);

        Assert.True(run.MaxHeight >= 5, $"tree never grew past height {run.MaxHeight}");
    }

    [Fact]
    public void TreeOfTwoWayNodesDeeperThanSixteenLevelsMatchesModel()
    {
        // Chunk size 1: no node holds more than two entries, so 80,000 keys make a tree of 17+
        // levels, more than a fold's initial cursor stack (16) holds. (Later batches deepen it
        // further: splits of full paths reach the root, and nodes never merge, as in couch_btree.)
        var run = new TreeModelRunner<long>(TreeKinds.Summed(chunkSize: 1), new ModelSettings
        {
            Seed = 33,
            TargetSize = 80_000,
            KeySpan = 1_000_000,
            MaxBatch = 300,
            MassRemovals = false,
            FullCheckEvery = 100,
            ReadsPerBatch = 2,
        });
        run.Fill(80_000);
        Assert.True(run.MaxHeight >= 17, $"height {run.MaxHeight}");
        run.RunUntil(run.Mutations + 4_000);
        Report(run);
    }

    [Fact]
    public void KilobyteValuesWithDefaultChunkSizeMatchModel()
    {
        var run = new TreeModelRunner<ReadOnlyMemory<byte>>(TreeKinds.Counted(minSize: 900, maxSize: 1100), new ModelSettings
        {
            Seed = 34,
            TargetSize = 2500,
            KeySpan = 5000,
            MaxBatch = 800,
            ReopenEvery = 30,
            CrashChance = 0.3,
            ReadsPerBatch = 4,
        });
        run.RunUntil(12_000);
        Report(run);

        Assert.True(run.MaxHeight >= 3, $"tree never grew past height {run.MaxHeight}");
    }

    private void Report<TValue>(TreeModelRunner<TValue> run) => output.WriteLine(
        $"{run.Batches} batches, {run.Mutations} keys inserted or removed, {run.Reads} reads compared, " +
        $"largest {run.MaxSize} entries, height up to {run.MaxHeight}, {run.Reopens} reopens ({run.Crashes} after a crash), " +
        $"{run.EmptyTrees} times empty");
}
