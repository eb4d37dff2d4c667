using System.Text;

namespace CouchJs.Views.Reduce;

/// <summary>
/// couch_query_servers' builtin_sum_rows: a running _sum from the integer 0. While only numbers come it
/// stays a number (no parsing beyond the token); anything else goes through <see cref="SumRules"/>.
/// The first value that cannot be added turns the sum into a builtin_reduce_error object and ends it.
/// </summary>
internal struct SumAccumulator
{
    private ErlangNumber _number;
    private Ejson? _term;
    private byte[]? _error;

    /// <summary>Whether the sum is (still) a plain number.</summary>
    public readonly bool IsNumber => _term is null && _error is null;

    /// <summary>The sum of <paramref name="values"/> (a rereduce's reductions).</summary>
    public static SumAccumulator Over(IReadOnlyList<ReadOnlyMemory<byte>> values)
    {
        var sum = new SumAccumulator();
        for (int i = 0; i < values.Count; i++)
            if (!sum.Add(values[i])) break;
        return sum;
    }

    /// <summary>Adds one value (UTF-8 JSON); false once the sum is an error and further values would be ignored.</summary>
    public bool Add(ReadOnlyMemory<byte> value)
    {
        if (_error is not null) return false;
        if (_term is null && ErlangNumber.TryParseValue(value.Span, out var number))
        {
            _number += number;
            return true;
        }
        try
        {
            _term = SumRules.Add(Ejson.Parse(value), _term ?? new EjsonNumber(_number));
            return true;
        }
        catch (SumInputException e)
        {
            _error = BuiltinReduceError.Json(BuiltinReduceError.SumReason, e.Cause);
        }
        catch (SumErrorValueException e)
        {
            _error = e.Error.ToJson();
        }
        return false;
    }

    public readonly byte[] ToJson() => _error ?? _term?.ToJson() ?? Encoding.ASCII.GetBytes(_number.ToJson());
}
