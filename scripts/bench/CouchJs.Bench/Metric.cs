namespace CouchJs.Bench;

/// <summary>A goal a metric is compared against; <see cref="NoCompressionOnly"/> limits it to runs without compression.</summary>
internal sealed record Target(string Text, double Threshold, bool HigherIsBetter, bool NoCompressionOnly = false)
{
    public bool Met(double value) => HigherIsBetter ? value >= Threshold : value < Threshold;
}

/// <summary>
/// One measured figure of a run. <see cref="Column"/> is its table heading (null: JSON only);
/// <see cref="Scale"/> divides the value for the table (e.g. bytes shown as MB).
/// </summary>
internal sealed record Metric(string Key, double Value, string Unit, string? Column = null, Target? Target = null, double Scale = 1);
