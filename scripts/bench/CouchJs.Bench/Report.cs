using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace CouchJs.Bench;

/// <summary>Collects the runs' results; prints them as a table (one row per run) and writes them as JSON.</summary>
internal sealed class Report(string command, BenchOptions options)
{
    private readonly List<RunResult> _runs = [];
    private readonly DateTime _started = DateTime.UtcNow;

    public void Add(RunResult run) => _runs.Add(run);

    public void PrintTable(TextWriter output)
    {
        var columns = _runs.SelectMany(r => r.Metrics).Where(m => m.Column is not null)
            .Select(m => m.Key).Distinct().ToList();
        var header = new List<string> { "compression", "order", "keys" };
        header.AddRange(columns.Select(k => _runs.SelectMany(r => r.Metrics).First(m => m.Key == k).Column!));
        var rows = _runs.Select(r =>
        {
            var row = new List<string> { r.Compression, r.Order, r.Keys.ToString("N0", CultureInfo.InvariantCulture) };
            row.AddRange(columns.Select(k => r.Metrics.FirstOrDefault(m => m.Key == k) is { } m ? Cell(r, m) : "-"));
            return row;
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToList();

        output.WriteLine();
        output.WriteLine($"CouchJs storage benchmark, {_started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
                         $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        output.WriteLine($"command:  {command}");
        output.WriteLine($"workload: {options.Keys:N0} keys per run in batches of {options.Batch:N0} (one Modify + one Commit each, " +
                         $"fdatasync on, real file); {options.Lookups:N0} lookups; {options.Ranges:N0} range reductions");
        output.WriteLine($"data:     {Workload.Describe(options.ValueBytes)}");
        output.WriteLine($"targets:  {string.Join(" | ", Targets().Select(t => t.Text))}   (! = target missed)");
        output.WriteLine();
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows) output.WriteLine(Line(row, widths));
        output.WriteLine();
        string scope = ProcessStats.PerRunPeaks ? "peak RSS is per run (VmHWM reset before each)" : "peak RSS is the process's so far";
        output.WriteLine($"process peak RSS (VmHWM): {ProcessStats.ProcessPeakRssBytes / (1 << 20):N0} MB; {scope}");
        output.WriteLine("load average (1/5/15 min) at start -> end of each run (other work on the machine skews the figures):");
        foreach (var r in _runs) output.WriteLine($"  {r.Compression}/{r.Order}: {r.LoadBefore} -> {r.LoadAfter}");
    }

    /// <summary>Writes storage-&lt;timestamp&gt;.json into <paramref name="dir"/> and returns its path.</summary>
    public string WriteJson(string dir)
    {
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"storage-{_started:yyyyMMdd-HHmmss}.json");
        var document = new
        {
            benchmark = "storage",
            started_utc = _started.ToString("o", CultureInfo.InvariantCulture),
            command,
            machine = new { cores = Environment.ProcessorCount, os = RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
            options = new
            {
                keys = options.Keys,
                batch = options.Batch,
                value_bytes = options.ValueBytes,
                compression = options.Compressions.Select(c => c.ToString()),
                order = options.Orders.Select(o => o.ToString().ToLowerInvariant()),
                dir = options.Dir,
                lookups = options.Lookups,
                ranges = options.Ranges,
                seed = options.Seed,
            },
            data = Workload.Describe(options.ValueBytes),
            targets = Targets().Select(t => new
            {
                metric = _runs.SelectMany(r => r.Metrics).First(m => m.Target == t).Key,
                text = t.Text,
                threshold = t.Threshold,
                higher_is_better = t.HigherIsBetter,
                no_compression_only = t.NoCompressionOnly,
            }),
            process_peak_rss_bytes = ProcessStats.ProcessPeakRssBytes,
            per_run_peak_rss = ProcessStats.PerRunPeaks,
            runs = _runs.Select(r => new
            {
                compression = r.Compression,
                order = r.Order,
                keys = r.Keys,
                seconds = r.Seconds,
                load_average_start = r.LoadBefore,
                load_average_end = r.LoadAfter,
                metrics = r.Metrics.ToDictionary(m => m.Key, m => m.Value),
                units = r.Metrics.ToDictionary(m => m.Key, m => m.Unit),
                targets_met = r.Metrics.Where(m => Applies(r, m)).ToDictionary(m => m.Key, m => m.Target!.Met(m.Value)),
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private IEnumerable<Target> Targets() => _runs.SelectMany(r => r.Metrics).Select(m => m.Target).OfType<Target>().Distinct();

    private static bool Applies(RunResult run, Metric m) =>
        m.Target is { } t && (!t.NoCompressionOnly || run.Compression == "none");

    private static string Cell(RunResult run, Metric m)
    {
        double v = m.Value / m.Scale;
        string format = Math.Abs(v) >= 100 ? "N0" : Math.Abs(v) >= 10 ? "N1" : "N2";
        string text = v.ToString(format, CultureInfo.InvariantCulture);
        return Applies(run, m) && !m.Target!.Met(m.Value) ? text + " !" : text;
    }

    private static string Line(List<string> cells, List<int> widths) =>
        string.Join(" | ", cells.Select((c, i) => i < 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
}
