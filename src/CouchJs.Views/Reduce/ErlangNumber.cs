using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using CouchJs.Views.Collation;

namespace CouchJs.Views.Reduce;

/// <summary>
/// A number as CouchDB's reducers hold it after jiffy decodes JSON: an integer of any size (a literal
/// without fraction or exponent) or a double. Integer arithmetic stays exact (64-bit until it
/// overflows, then big); a double on either side makes a double, as in Erlang.
/// </summary>
internal readonly struct ErlangNumber
{
    private readonly long _small;
    private readonly double _float;
    private readonly BigInteger? _big;

    private ErlangNumber(long small, double value, BigInteger? big, bool isFloat)
    {
        _small = small;
        _float = value;
        _big = big;
        IsFloat = isFloat;
    }

    public bool IsFloat { get; }

    /// <summary>The integer 0 (what Erlang's pattern <c>0</c> matches; 0.0 does not).</summary>
    public bool IsIntegerZero => !IsFloat && _big is null && _small == 0;

    public double AsDouble => IsFloat ? _float : _big is { } big ? (double)big : _small;

    public static ErlangNumber Integer(long value) => new(value, 0, null, isFloat: false);

    public static ErlangNumber Float(double value) => new(0, value, null, isFloat: true);

    private static ErlangNumber Integer(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? Integer((long)value) : new(0, 0, value, isFloat: false);

    /// <summary>Reads a JSON number token (jiffy: a fraction or exponent makes a float).</summary>
    public static ErlangNumber Parse(ReadOnlySpan<byte> token, bool isInteger)
    {
        if (!isInteger) return Float(JsonNumberOrder.ToDouble(token));
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long small)) return Integer(small);
        return Integer(BigInteger.Parse(Encoding.ASCII.GetString(token), CultureInfo.InvariantCulture));
    }

    /// <summary>Reads a JSON value when it is a number; false for any other value.</summary>
    public static bool TryParseValue(ReadOnlySpan<byte> json, out ErlangNumber number)
    {
        int start = JsonScan.SkipWhitespace(json, 0);
        if (json[start] is not ((byte)'-' or (>= (byte)'0' and <= (byte)'9')))
        {
            number = default;
            return false;
        }
        int end = JsonScan.NumberEnd(json, start, out bool isInteger);
        number = Parse(json[start..end], isInteger);
        return true;
    }

    public static ErlangNumber operator +(ErlangNumber a, ErlangNumber b)
    {
        if (a.IsFloat || b.IsFloat) return Float(a.AsDouble + b.AsDouble);
        if (a._big is null && b._big is null)
        {
            long sum = a._small + b._small;
            // Overflow iff both operands have the same sign and the sum's sign differs.
            if (((a._small ^ sum) & (b._small ^ sum)) >= 0) return Integer(sum);
        }
        return Integer(a.Big + b.Big);
    }

    public static ErlangNumber operator *(ErlangNumber a, ErlangNumber b)
    {
        if (a.IsFloat || b.IsFloat) return Float(a.AsDouble * b.AsDouble);
        if (a._big is null && b._big is null)
        {
            long high = Math.BigMul(a._small, b._small, out long low);
            if ((high == 0 && low >= 0) || (high == -1 && low < 0)) return Integer(low);
        }
        return Integer(a.Big * b.Big);
    }

    /// <summary>Numeric order (Erlang's <c>&lt;</c> between numbers: 1 and 1.0 are equal).</summary>
    public static int Compare(ErlangNumber a, ErlangNumber b)
    {
        if (a.IsFloat || b.IsFloat) return a.AsDouble.CompareTo(b.AsDouble);
        if (a._big is null && b._big is null) return a._small.CompareTo(b._small);
        return a.Big.CompareTo(b.Big);
    }

    /// <summary>erlang:min: the smaller, the first when they are equal.</summary>
    public static ErlangNumber Min(ErlangNumber first, ErlangNumber second) => Compare(first, second) <= 0 ? first : second;

    /// <summary>erlang:max: the larger, the first when they are equal.</summary>
    public static ErlangNumber Max(ErlangNumber first, ErlangNumber second) => Compare(first, second) >= 0 ? first : second;

    /// <summary>As jiffy encodes it: integers in decimal, doubles as <see cref="JiffyDouble"/> writes them.</summary>
    public string ToJson() =>
        IsFloat ? JiffyDouble.Format(_float)
        : _big is { } big ? big.ToString(CultureInfo.InvariantCulture)
        : _small.ToString(CultureInfo.InvariantCulture);

    public void WriteJson(IBufferWriter<byte> output) => Encoding.ASCII.GetBytes(ToJson().AsSpan(), output);

    /// <summary>Bytes of Erlang's external term format (term_to_binary) for this number, without the version byte.</summary>
    public int ExternalSize()
    {
        if (IsFloat) return 9; // NEW_FLOAT_EXT
        if (_big is null && _small is >= 0 and <= 255) return 2; // SMALL_INTEGER_EXT
        if (_big is null && _small is >= int.MinValue and <= int.MaxValue) return 5; // INTEGER_EXT
        int magnitude = BigInteger.Abs(Big).GetByteCount(isUnsigned: true);
        return magnitude <= 255 ? 3 + magnitude : 6 + magnitude; // SMALL_BIG_EXT / LARGE_BIG_EXT
    }

    private BigInteger Big => _big ?? _small;
}
