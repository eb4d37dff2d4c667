using System.Globalization;
using System.Text;

namespace CouchJs.Views.Reduce;

/// <summary>
/// Doubles as jiffy encodes them (double-conversion's shortest round-trip digits): plain decimal
/// while the decimal exponent is in [-6, 21), whole numbers with ".0" ("3.0", "0.000001",
/// "123.45"); scientific otherwise, the exponent signed ("1e+21", "1.5e-7"); -0.0 is "0.0".
/// </summary>
internal static class JiffyDouble
{
    private const int LowestPlainExponent = -6;
    private const int FirstScientificExponent = 21;

    public static string Format(double value)
    {
        if (value == 0) return "0.0";
        // .NET's "R" is the shortest round-trip form too; take its digits and decimal exponent.
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = shortest.IndexOf('E');
        string mantissa = e < 0 ? shortest : shortest[..e];
        int exponent = e < 0 ? 0 : int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.');
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointAt = (dot < 0 ? mantissa.Length : dot) + exponent; // value = 0.digits × 10^pointAt
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointAt -= leadingZeros;

        var text = new StringBuilder(digits.Length + 8);
        if (value < 0) text.Append('-');
        int scientific = pointAt - 1;
        if (scientific is >= LowestPlainExponent and < FirstScientificExponent)
        {
            if (pointAt <= 0) text.Append("0.").Append('0', -pointAt).Append(digits);
            else if (pointAt >= digits.Length) text.Append(digits).Append('0', pointAt - digits.Length).Append(".0");
            else text.Append(digits, 0, pointAt).Append('.').Append(digits, pointAt, digits.Length - pointAt);
        }
        else
        {
            text.Append(digits[0]);
            if (digits.Length > 1) text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('e').Append(scientific < 0 ? '-' : '+').Append(Math.Abs(scientific).ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
