using System.Buffers;

namespace CouchJs.Views.Reduce;

/// <summary>
/// A _stats accumulator as couch_query_servers keeps it: a tuple {sum, count, min, max, sumsqr} per
/// number, or a list of accumulators for array values (element-wise, nested arrays nest).
/// </summary>
internal abstract class StatsNode : IJsonWritable
{
    /// <summary>pack_stats: tuples as <c>{"sum":…,"count":…,"min":…,"max":…,"sumsqr":…}</c>, lists as arrays of those.</summary>
    public abstract void Write(ArrayBufferWriter<byte> output);

    public byte[] ToJson()
    {
        var output = new ArrayBufferWriter<byte>(96);
        Write(output);
        return output.WrittenSpan.ToArray();
    }
}

internal sealed class StatsTuple(ErlangNumber sum, ErlangNumber count, ErlangNumber min, ErlangNumber max, ErlangNumber sumSquares)
    : StatsNode
{
    public ErlangNumber Sum { get; private set; } = sum;

    public ErlangNumber Count { get; private set; } = count;

    public ErlangNumber Min { get; private set; } = min;

    public ErlangNumber Max { get; private set; } = max;

    public ErlangNumber SumSquares { get; private set; } = sumSquares;

    public static StatsTuple Empty => new(default, default, default, default, default);

    /// <summary>The tuple of one number: {X, 1, X, X, X*X}.</summary>
    public static StatsTuple Of(ErlangNumber x) => new(x, ErlangNumber.Integer(1), x, x, x * x);

    /// <summary>
    /// stat_values on two tuples, this one the accumulator: sums and counts add, min and max keep the
    /// incoming value's on ties (erlang:min/max return their first argument when equal).
    /// </summary>
    public void Absorb(StatsTuple value)
    {
        Sum = value.Sum + Sum;
        Count = value.Count + Count;
        Min = ErlangNumber.Min(value.Min, Min);
        Max = ErlangNumber.Max(value.Max, Max);
        SumSquares = value.SumSquares + SumSquares;
    }

    /// <summary>One number absorbed without building its tuple.</summary>
    public void Absorb(ErlangNumber x)
    {
        Sum = x + Sum;
        Count = ErlangNumber.Integer(1) + Count;
        Min = ErlangNumber.Min(x, Min);
        Max = ErlangNumber.Max(x, Max);
        SumSquares = x * x + SumSquares;
    }

    /// <summary>The tuple as Erlang prints it (<c>{Sum,Count,Min,Max,Sqr}</c>), for error reasons.</summary>
    public string ToErlang() =>
        "{" + string.Join(",", new[] { Sum, Count, Min, Max, SumSquares }.Select(n => new EjsonNumber(n).ToErlang())) + "}";

    public override void Write(ArrayBufferWriter<byte> output)
    {
        Member(output, "{\"sum\":"u8, Sum);
        Member(output, ",\"count\":"u8, Count);
        Member(output, ",\"min\":"u8, Min);
        Member(output, ",\"max\":"u8, Max);
        Member(output, ",\"sumsqr\":"u8, SumSquares);
        output.Write("}"u8);
    }

    private static void Member(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> prefix, ErlangNumber value)
    {
        output.Write(prefix);
        value.WriteJson(output);
    }
}

internal sealed class StatsList(List<StatsNode> items) : StatsNode
{
    public List<StatsNode> Items { get; } = items;

    public override void Write(ArrayBufferWriter<byte> output) => JsonWritable.WriteArray(output, Items);
}
