using System.Diagnostics;
using CouchJs.Storage.BTrees;

namespace CouchJs.Bench.Phases;

/// <summary>
/// Count reductions over random inclusive ranges between two existing keys, each timed alone;
/// each count is checked against the keys' ranks.
/// </summary>
internal sealed class RangeReducePhase : IBenchPhase
{
    public string Name => "range reduce";

    public string Run(BenchRun run)
    {
        var sorted = run.SortedKeys;
        if (run.Options.Ranges == 0 || sorted.Length == 0) return "skipped";
        var rng = run.Picks(phase: 20);
        var micros = new double[run.Options.Ranges];
        for (int r = 0; r < micros.Length; r++)
        {
            int a = rng.Next(sorted.Length), b = rng.Next(sorted.Length);
            (int lo, int hi) = a <= b ? (a, b) : (b, a);
            var range = KeyRange<ReadOnlyMemory<byte>>.Between(sorted[lo], sorted[hi]);
            long t0 = Stopwatch.GetTimestamp();
            long count = run.Tree.Reduce(range);
            micros[r] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            if (count != hi - lo + 1) throw new InvalidOperationException($"range reduce counted {count}, expected {hi - lo + 1}");
        }
        Array.Sort(micros);
        double p50 = Percentile(micros, 0.50), p99 = Percentile(micros, 0.99), max = micros[^1];
        run.Add(new("reduce_p50_us", p50, "µs", "reduce p50 µs"));
        run.Add(new("reduce_p99_us", p99, "µs", "p99 µs", new("range reduce p99 < 1,000 µs", 1_000, HigherIsBetter: false)));
        run.Add(new("reduce_max_us", max, "µs", "max µs"));
        return $"p50 {p50:F1} µs, p99 {p99:F1} µs, max {max:F1} µs over {micros.Length:N0} ranges";
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
