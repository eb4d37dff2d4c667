using System.Globalization;
using CouchJs.QueryServers;

namespace CouchJs.Views.Reduce;

/// <summary>
/// _sum: numbers, arrays of numbers (element-wise) and objects (member-wise, nested) add up as
/// <see cref="SumRules"/> describes; a value that does not fit makes the reduction a
/// builtin_reduce_error object carrying it as caused_by, and such an error passes through every later
/// rereduce. An output that grows past the <see cref="BuiltinReduceLimit"/> becomes an error too.
/// </summary>
internal sealed class SumReducer(BuiltinReduceLimit limit) : BuiltinReducer
{
    public override string Name => "_sum";

    public override byte[] Reduce(IReadOnlyList<KeyValueRow> rows)
    {
        var sum = new SumAccumulator();
        for (int i = 0; i < rows.Count; i++)
            if (!sum.Add(rows[i].Value)) break;
        byte[] output = sum.ToJson();
        return MayOverflow(output, sum.IsNumber, out long outputSize)
            ? Limit(output, ErlangTermSize.OfReduceInput(rows), outputSize)
            : output;
    }

    public override byte[] Rereduce(IReadOnlyList<ReadOnlyMemory<byte>> reductions)
    {
        var sum = SumAccumulator.Over(reductions);
        byte[] output = sum.ToJson();
        return MayOverflow(output, sum.IsNumber, out long outputSize)
            ? Limit(output, ErlangTermSize.OfRereduceInput(reductions), outputSize)
            : output;
    }

    // A number never nears the threshold; only then is the output measured (and, if large, the input).
    private bool MayOverflow(byte[] output, bool isNumber, out long outputSize)
    {
        outputSize = 0;
        if (!limit.Enabled || isNumber) return false;
        outputSize = ErlangTermSize.Of(output);
        return outputSize > limit.Threshold;
    }

    private byte[] Limit(byte[] output, long inputSize, long outputSize) =>
        outputSize * limit.Ratio > inputSize
            ? BuiltinReduceError.Json(string.Create(CultureInfo.InvariantCulture,
                $"Reduce output must shrink more rapidly: input size: {inputSize} output size: {outputSize}"))
            : output;
}
