using System.Diagnostics;
using CouchJs.Bench.Phases;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Compression;
using CouchJs.Storage.Database;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;

namespace CouchJs.Bench;

/// <summary>One run: a fresh file on disk with default options but the compression, then every phase in order.</summary>
internal static class StorageBench
{
    /// <summary>The phases of a run, in order. A new measurement (e.g. compaction) is one more entry.</summary>
    public static readonly IReadOnlyList<IBenchPhase> Phases =
    [
        new InsertPhase(),
        new WarmCachePhase(),
        new LookupPhase(threads: 1),
        new LookupPhase(threads: 2),
        new ScanPhase(),
        new RangeReducePhase(),
        new DiskUsagePhase(),
        new CompactionPhase(),
        new ScanPhase(afterCompaction: true),
        new LookupPhase(threads: 1, afterCompaction: true),
        new LookupPhase(threads: 2, afterCompaction: true),
    ];

    /// <summary>Document-id shaped tree: byte keys in bytewise order, byte values, counted.</summary>
    public static readonly BTreeSpec<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, long> Spec = new(
        BytewiseComparer.Instance, BytesCodec.Instance, BytesCodec.Instance, Int64Codec.Instance,
        CountReducer<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>.Instance);

    public static RunResult Run(BenchOptions options, FileCompression compression, KeyOrder order, Action<string> log)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        ProcessStats.ResetPeakRss();
        string dataDir = Path.Combine(options.Dir, $"couchjs-bench-{compression}-{order.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (new DriveInfo(dataDir).DriveFormat is "tmpfs" or "ramfs")
            Console.WriteLine($"warning: {options.Dir} is in memory ({new DriveInfo(dataDir).DriveFormat}); pass --dir on a real disk");
        string loadBefore = ProcessStats.LoadAverage();
        Console.WriteLine($"run: compression={compression} order={order.ToString().ToLowerInvariant()} keys={options.Keys:N0} " +
                          $"dir={dataDir} load={loadBefore}");
        var db = DatabaseFile.Create(new DiskDirectory(dataDir), BenchRun.FileName,
            DbHeader.New(Guid.NewGuid().ToString("N"), "bench", 0), CouchFileOptions.Default with { Compression = compression });
        var run = new BenchRun(options, compression, order, dataDir, log)
        {
            Db = db,
            Tree = new(db.File, Spec),
            Workload = new Workload(options.Keys, order, options.ValueBytes, options.Seed),
        };
        var total = Stopwatch.StartNew();
        long peakAnon = 0;
        try
        {
            foreach (var phase in Phases)
            {
                var watch = Stopwatch.StartNew();
                var gcBefore = GC.GetTotalPauseDuration();
                long allocatedBefore = GC.GetTotalAllocatedBytes();
                string summary = phase.Run(run);
                long anon = ProcessStats.AnonRssBytes();
                peakAnon = Math.Max(peakAnon, anon);
                double gc = (GC.GetTotalPauseDuration() - gcBefore).TotalSeconds;
                run.Add(new($"gc_pause_s.{phase.Name}", gc, "s"));
                run.Add(new($"allocated_bytes.{phase.Name}", GC.GetTotalAllocatedBytes() - allocatedBefore, "bytes"));
                run.Add(new($"anon_rss_bytes.{phase.Name}", anon, "bytes"));
                run.Log($"{phase.Name,-14} {summary}  [{watch.Elapsed.TotalSeconds:F1} s, GC pauses {gc:F2} s, heap RSS {anon >> 20} MB]");
            }
            run.Add(new("peak_rss_bytes", ProcessStats.PeakRssBytes(), "bytes", "peak RSS MB (with file pages)", Scale: 1 << 20));
            run.Add(new("peak_anon_rss_bytes", peakAnon, "bytes", "heap RSS MB (at phase ends)", Scale: 1 << 20));
        }
        finally
        {
            run.Db.Dispose();
            if (!options.Keep) Directory.Delete(dataDir, recursive: true);
        }
        return new RunResult(compression.ToString(), order.ToString().ToLowerInvariant(), options.Keys, total.Elapsed.TotalSeconds,
            run.Metrics, loadBefore, ProcessStats.LoadAverage());
    }
}

/// <summary>What one run measured.</summary>
internal sealed record RunResult(
    string Compression, string Order, long Keys, double Seconds, IReadOnlyList<Metric> Metrics, string LoadBefore, string LoadAfter);
