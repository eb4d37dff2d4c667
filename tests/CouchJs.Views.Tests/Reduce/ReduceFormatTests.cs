using System.Text;
using System.Text.RegularExpressions;
using CouchJs.Views.Reduce;
using static CouchJs.Views.Tests.Reduce.ReduceTestData;

namespace CouchJs.Views.Tests.Reduce;

/// <summary>
/// Number output as jiffy writes it, and the Erlang external term sizes (erlang:external_size) that
/// _sum's overflow check measures, seen through the sizes its error reports.
/// </summary>
public partial class ReduceFormatTests
{
    [Theory]
    [InlineData("1.0", "1.0")]
    [InlineData("-0.0", "0.0")]
    [InlineData("0.1", "0.1")]
    [InlineData("123.456", "123.456")]
    [InlineData("-2.5", "-2.5")]
    [InlineData("1e20", "100000000000000000000.0")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1.5e300", "1.5e+300")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000015", "0.0000015")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("-1.25e-10", "-1.25e-10")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("9007199254740993.0", "9007199254740992.0")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    public void Numbers_print_as_jiffy_prints_them(string value, string expected) =>
        Assert.Equal(expected, ReduceOf("_sum", value));

    [Theory]
    [InlineData("0", 3)] // 131, SMALL_INTEGER_EXT 97, 0
    [InlineData("255", 3)]
    [InlineData("256", 6)] // INTEGER_EXT
    [InlineData("-1", 6)]
    [InlineData("2147483647", 6)]
    [InlineData("2147483648", 8)] // SMALL_BIG_EXT, 4 magnitude bytes
    [InlineData("-9223372036854775808", 12)]
    [InlineData("1.5", 10)] // NEW_FLOAT_EXT
    [InlineData("1.0", 10)]
    [InlineData("true", 7)] // SMALL_ATOM_UTF8_EXT
    [InlineData("false", 8)]
    [InlineData("null", 7)]
    [InlineData("\"abc\"", 9)] // BINARY_EXT
    [InlineData("\"\\u00e9\\n\"", 9)] // decoded: 3 bytes
    [InlineData("\"\\ud83d\\ude00\"", 10)]
    [InlineData("[]", 2)] // NIL_EXT
    [InlineData("[1,2,3]", 7)] // STRING_EXT
    [InlineData("[1,256]", 14)] // LIST_EXT 5 + 2 + 5 + NIL 1
    [InlineData("[\"a\"]", 13)]
    [InlineData("{}", 4)] // {[]}
    [InlineData("{\"a\":1}", 19)]
    [InlineData("[[1]]", 11)]
    public void Values_measure_as_erlang_terms(string json, int size)
    {
        // A single object passes _sum unchanged; {"v": V} is 16 bytes more than V as a whole term.
        var (input, output) = MeasuredSizes("{\"v\":" + json + "}");
        Assert.Equal(size + 16, output);
        // The rereduce input [[[], R]] is 13 bytes more than R: two list headers (10), [] and two NILs.
        Assert.Equal(size + 16 + 13, input);
    }

    private static (long Input, long Output) MeasuredSizes(string reduction)
    {
        var measuring = BuiltinReducer.Get("_sum", new BuiltinReduceLimit(true, Threshold: 0, Ratio: 1e9))!;
        string error = Text(measuring.Rereduce([Encoding.UTF8.GetBytes(reduction)]));
        var match = SizesPattern().Match(error);
        Assert.True(match.Success, error);
        return (long.Parse(match.Groups[1].Value), long.Parse(match.Groups[2].Value));
    }

    [GeneratedRegex("input size: (\\d+) output size: (\\d+)")]
    private static partial Regex SizesPattern();
}
