using CouchJs.Storage.BTrees;
using CouchJs.Storage.Compression;
using CouchJs.Storage.Database;
using CouchJs.Storage.Files;

namespace CouchJs.Bench;

/// <summary>The state one run's phases share: the file, the current tree version, the workload, and what was measured.</summary>
internal sealed class BenchRun(BenchOptions options, FileCompression compression, KeyOrder order, string dataDir, Action<string> log)
{
    public BenchOptions Options { get; } = options;

    public FileCompression Compression { get; } = compression;

    public KeyOrder Order { get; } = order;

    /// <summary>This run's own fresh directory.</summary>
    public string DataDir { get; } = dataDir;

    public const string FileName = "bench.couch";

    /// <summary>The file the phases work on.</summary>
    public string DataFile => Path.Combine(DataDir, FileName);

    /// <summary>The database file; the tree is its by-id tree. Compaction swaps the file under it.</summary>
    public required DatabaseFile Db { get; init; }

    public CouchFile File => Db.File;

    public required BTree<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, long> Tree { get; set; }

    public required Workload Workload { get; init; }

    /// <summary>Sum of key and value lengths inserted.</summary>
    public long PayloadBytes { get; set; }

    public List<Metric> Metrics { get; } = [];

    public void Log(string line) => log(line);

    public void Add(Metric metric) => Metrics.Add(metric);

    /// <summary>A shared random source for picks (keys to look up, ranges), seeded per phase for repeatability.</summary>
    public Random Picks(int phase) => new(Options.Seed * 31 + phase);

    private ReadOnlyMemory<byte>[]? _sorted;

    /// <summary>The keys in tree order, built once on first use (not timed).</summary>
    public ReadOnlyMemory<byte>[] SortedKeys
    {
        get
        {
            if (_sorted is not null) return _sorted;
            var sorted = (ReadOnlyMemory<byte>[])Workload.Keys.Clone();
            if (Order != KeyOrder.Sequential) Array.Sort(sorted, BytewiseComparer.Instance);
            return _sorted = sorted;
        }
    }
}
