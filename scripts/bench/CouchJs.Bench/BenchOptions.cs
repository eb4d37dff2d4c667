using System.Globalization;
using CouchJs.Storage.Compression;

namespace CouchJs.Bench;

/// <summary>What to run: the workload's size and shape, and where files and results go.</summary>
internal sealed record BenchOptions
{
    public long Keys { get; init; } = 1_000_000;

    public int Batch { get; init; } = 1000;

    public int ValueBytes { get; init; } = 1024;

    public IReadOnlyList<FileCompression> Compressions { get; init; } =
        [FileCompression.None, FileCompression.Snappy, FileCompression.Parse("zstd_3")];

    public IReadOnlyList<KeyOrder> Orders { get; init; } = [KeyOrder.Random];

    /// <summary>Parent of the fresh per-run data directories (must be on a real disk).</summary>
    public string Dir { get; init; } = Path.GetTempPath();

    public long Lookups { get; init; } = 1_000_000;

    public int Ranges { get; init; } = 10_000;

    public int Seed { get; init; } = 42;

    public bool Keep { get; init; }

    public string? ResultsDir { get; init; }

    public const string Usage = """
        usage: scripts/bench/storage [options]
          --keys N            keys to insert per run (default 1000000)
          --batch N           keys per Modify + Commit (default 1000)
          --value-bytes N     bytes per value, JSON-like text (default 1024)
          --compression LIST  comma list of none|snappy|deflate_N|zstd_N (default none,snappy,zstd_3)
          --order LIST        comma list of random|sequential (default random)
          --dir PATH          parent of the fresh data dirs (default the temp dir; use a real disk)
          --lookups N         random TryGet calls per lookup phase (default 1000000)
          --ranges N          random range reductions (default 10000)
          --seed N            seed of keys, values and picks (default 42)
          --keep              keep the data files
          --results-dir PATH  where storage-<timestamp>.json goes (default: no JSON)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i];
            string Next() => ++i < args.Length ? args[i] : throw new ArgumentException($"{flag} needs a value");
            o = flag switch
            {
                "--keys" => o with { Keys = Count(flag, Next(), 1) },
                "--batch" => o with { Batch = (int)Count(flag, Next(), 1, int.MaxValue) },
                "--value-bytes" => o with { ValueBytes = (int)Count(flag, Next(), 1, 64 << 20) },
                "--compression" => o with { Compressions = [.. List(Next()).Select(FileCompression.Parse)] },
                "--order" => o with { Orders = [.. List(Next()).Select(ParseOrder)] },
                "--dir" => o with { Dir = Next() },
                "--lookups" => o with { Lookups = Count(flag, Next(), 0) },
                "--ranges" => o with { Ranges = (int)Count(flag, Next(), 0, int.MaxValue) },
                "--seed" => o with { Seed = (int)Count(flag, Next(), 0, int.MaxValue) },
                "--keep" => o with { Keep = true },
                "--results-dir" => o with { ResultsDir = Next() },
                _ => throw new ArgumentException($"unknown option '{flag}'"),
            };
        }
        return o;
    }

    private static IEnumerable<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static KeyOrder ParseOrder(string value) => value switch
    {
        "random" => KeyOrder.Random,
        "sequential" => KeyOrder.Sequential,
        _ => throw new ArgumentException($"--order: '{value}' is not random or sequential"),
    };

    // Accepts 1000000, 1_000_000 and 1,000,000 (a single value, so commas are digit groups).
    private static long Count(string flag, string value, long min, long max = long.MaxValue)
    {
        string digits = value.Replace("_", "").Replace(",", "");
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < min || n > max)
            throw new ArgumentException($"{flag}: '{value}' is not a whole number in {min}..{max}");
        return n;
    }
}

internal enum KeyOrder
{
    Random,
    Sequential,
}
