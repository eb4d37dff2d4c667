using System.Globalization;

namespace CouchJs.Views.Collation;

/// <summary>
/// Orders two JSON number tokens by value, as Erlang compares the numbers jiffy decodes (1 == 1.0).
/// Two integer literals compare exactly at any size (sign, digit count, digits); otherwise both
/// compare as doubles, like <c>JsonCollation.CompareNumbers</c>.
/// </summary>
internal static class JsonNumberOrder
{
    public static int Compare(ReadOnlySpan<byte> x, bool xIsInteger, ReadOnlySpan<byte> y, bool yIsInteger)
    {
        if (xIsInteger && yIsInteger) return CompareIntegers(x, y);
        return ToDouble(x).CompareTo(ToDouble(y));
    }

    public static double ToDouble(ReadOnlySpan<byte> number) =>
        double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int CompareIntegers(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        // JSON integers have no leading zeros: non-negative ones order by length, then digit by digit.
        if (x[0] != (byte)'-' && y[0] != (byte)'-')
            return x.Length != y.Length ? (x.Length < y.Length ? -1 : 1) : Math.Sign(x.SequenceCompareTo(y));
        int signX = Split(x, out var digitsX), signY = Split(y, out var digitsY);
        if (signX != signY) return signX < signY ? -1 : 1;
        if (signX == 0) return 0;
        int byMagnitude = digitsX.Length != digitsY.Length
            ? (digitsX.Length < digitsY.Length ? -1 : 1)
            : Math.Sign(digitsX.SequenceCompareTo(digitsY));
        return signX < 0 ? -byMagnitude : byMagnitude;
    }

    // The sign (-1, 0, 1) and the magnitude's digits without leading zeros ("-0" is zero).
    private static int Split(ReadOnlySpan<byte> integer, out ReadOnlySpan<byte> digits)
    {
        bool negative = integer[0] == (byte)'-';
        digits = negative ? integer[1..] : integer;
        int firstNonZero = digits.IndexOfAnyExcept((byte)'0');
        if (firstNonZero < 0)
        {
            digits = default;
            return 0;
        }
        digits = digits[firstNonZero..];
        return negative ? -1 : 1;
    }
}
