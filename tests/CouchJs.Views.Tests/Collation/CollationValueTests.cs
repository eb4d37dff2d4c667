using System.Text;
using CouchJs.Views.Collation;

namespace CouchJs.Views.Tests.Collation;

/// <summary>Escapes, numbers, nesting, whitespace and ICU details of <see cref="ViewCollation"/>.</summary>
public class CollationValueTests
{
    [Theory]
    [InlineData("\"\\u0041\"", "\"A\"")]
    [InlineData("\"\\u00e9\"", "\"é\"")]
    [InlineData("\"\\u00E9\"", "\"é\"")]
    [InlineData("\"\\ud83d\\ude00\"", "\"😀\"")]
    [InlineData("\"a\\/b\"", "\"a/b\"")]
    [InlineData("\"\\\"\"", "\"\\u0022\"")]
    [InlineData("\"\\\\\"", "\"\\u005c\"")]
    [InlineData("\"\\n\\t\\r\\b\\f\"", "\"\\u000a\\u0009\\u000d\\u0008\\u000c\"")]
    [InlineData("{\"\\u0061\":1}", "{\"a\":1}")]
    public void Escapes_compare_as_their_characters(string a, string b)
    {
        Assert.Equal(0, Compare(a, b));
        Assert.Equal(0, ViewCollation.CompareRaw(Bytes(a), Bytes(b)));
    }

    [Theory]
    [InlineData("\"\\t\"", "\" \"")] // whitespace characters sort before the space
    [InlineData("\"\\n\"", "\"_\"")]
    [InlineData("\"a\\\"\"", "\"a(\"")] // " before (
    [InlineData("\"\\u00e9\"", "\"f\"")] // é sorts with e, before f
    [InlineData("\"e\"", "\"\\u00e9\"")]
    [InlineData("\"E\"", "\"\\u00e9\"")] // an accent (secondary) outweighs case (tertiary)
    [InlineData("\"resume\"", "\"r\\u00e9sum\\u00e9\"")]
    public void Escaped_and_non_ascii_strings_follow_icu(string lower, string higher)
    {
        Assert.Equal(-1, Compare(lower, higher));
        Assert.Equal(1, Compare(higher, lower));
    }

    [Fact]
    public void Zero_width_characters_are_ignored_as_in_couchdb()
    {
        // couch_ejson_compare_tests prop_equivalent_unicode_values.
        Assert.Equal(0, Compare("\"a\"", "\"\\u200ba\\u200c\\u200d\""));
        Assert.Equal(0, Compare("\"a\"", "\"\u200Ba\u200D\""));
        // Raw collation compares bytes, so they differ there.
        Assert.Equal(-1, ViewCollation.CompareRaw("\"a\""u8, Bytes("\"a\u200B\"")));
    }

    [Fact]
    public void Control_characters_are_ignorable_in_icu_but_not_raw()
    {
        Assert.Equal(0, Compare("\"a\\u0001b\"", "\"ab\""));
        Assert.Equal(-1, ViewCollation.CompareRaw("\"a\\u0001b\""u8, "\"ab\""u8));
    }

    [Fact]
    public void Raw_strings_compare_by_code_point()
    {
        Assert.Equal(-1, ViewCollation.CompareRaw("\"Z\""u8, "\"a\""u8));
        Assert.Equal(-1, ViewCollation.CompareRaw("\"\\uffff\""u8, "\"\\ud800\\udc00\""u8)); // U+FFFF < U+10000, unlike UTF-16
        Assert.Equal(-1, ViewCollation.CompareRaw("\"ab\""u8, "\"abc\""u8));
        Assert.Equal(1, ViewCollation.CompareRaw("\"\\u00e9\""u8, "\"z\""u8));
    }

    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("1", "1e0")]
    [InlineData("100", "1E2")]
    [InlineData("100", "1e+2")]
    [InlineData("0.5", "5e-1")]
    [InlineData("0", "-0")]
    [InlineData("0", "-0.0")]
    [InlineData("-0", "0.0")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    [InlineData("[1,2.0]", "[1.0,2]")]
    public void Equal_numbers(string a, string b)
    {
        Assert.Equal(0, Compare(a, b));
        Assert.Equal(0, ViewCollation.CompareRaw(Bytes(a), Bytes(b)));
    }

    [Theory]
    [InlineData("-1", "0")]
    [InlineData("-10", "-9")]
    [InlineData("-1.5", "-1")]
    [InlineData("1", "1.5")]
    [InlineData("1.5", "2")]
    [InlineData("9", "10")]
    [InlineData("2e-3", "0.0021")]
    [InlineData("1e21", "1.1e21")]
    [InlineData("9007199254740992", "9007199254740993")] // integers compare exactly past 2^53
    [InlineData("9223372036854775807", "9223372036854775808")]
    [InlineData("12345678901234567890", "12345678901234567891")]
    [InlineData("-12345678901234567891", "-12345678901234567890")]
    [InlineData("-12345678901234567890", "1")]
    [InlineData("99999999999999999999", "100000000000000000000")]
    [InlineData("1e308", "1e309")] // beyond double range: infinity
    public void Ordered_numbers(string lower, string higher)
    {
        Assert.Equal(-1, Compare(lower, higher));
        Assert.Equal(1, Compare(higher, lower));
        Assert.Equal(-1, ViewCollation.CompareRaw(Bytes(lower), Bytes(higher)));
    }

    [Fact]
    public void Whitespace_between_tokens_does_not_matter()
    {
        Assert.Equal(0, Compare("[1, \"a\", {\"b\" : [true , null]}]", "[1,\"a\",{\"b\":[true,null]}]"));
        Assert.Equal(0, Compare(" [ ] ", "[]"));
        Assert.Equal(-1, Compare("[ 1 ]", "[1 ,2]"));
        Assert.Equal(0, Compare("{ }", "{}"));
    }

    [Fact]
    public void Containers_compare_element_by_element_a_prefix_first()
    {
        Assert.Equal(-1, Compare("[]", "[null]"));
        Assert.Equal(-1, Compare("[[]]", "[[1]]"));
        Assert.Equal(-1, Compare("[[1],2]", "[[1,0]]"));
        Assert.Equal(1, Compare("[\"b\"]", "[\"a\",\"z\"]"));
        Assert.Equal(-1, Compare("{}", "{\"a\":null}"));
        Assert.Equal(-1, Compare("{\"a\":1}", "{\"a\":1,\"b\":0}"));
        Assert.Equal(-1, Compare("{\"a\":2}", "{\"b\":1}")); // key first
        Assert.Equal(-1, Compare("{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}")); // member order matters
        Assert.Equal(-1, Compare("{\"a\":{\"x\":[1]}}", "{\"a\":{\"x\":[2]}}"));
        Assert.Equal(1, Compare("[{}]", "[[]]"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(65)]
    [InlineData(300)]
    [InlineData(5000)]
    public void Deep_nesting_compares_without_recursion(int depth)
    {
        string Nest(string inner) => new string('[', depth) + inner + new string(']', depth);
        string NestObjects(string inner) => string.Concat(Enumerable.Repeat("{\"k\":", depth)) + inner + new string('}', depth);
        Assert.Equal(0, Compare(Nest("\"v\""), Nest("\"v\"")));
        Assert.Equal(-1, Compare(Nest("1"), Nest("2")));
        Assert.Equal(1, Compare(Nest("[1]"), Nest("1")));
        Assert.Equal(0, Compare(NestObjects("\"v\""), NestObjects("\"v\"")));
        Assert.Equal(-1, Compare(NestObjects("null"), NestObjects("false")));
        Assert.Equal(-1, ViewCollation.CompareRaw(Bytes(Nest("1")), Bytes(Nest("\"a\""))));
    }

    [Fact]
    public void Long_strings_go_through_pooled_buffers()
    {
        string longA = new string('é', 600) + "a", longB = new string('é', 600) + "b";
        Assert.Equal(-1, Compare(Quote(longA), Quote(longB)));
        Assert.Equal(0, Compare(Quote(longA), Quote(longA)));
        string asciiA = new string('x', 100_000), asciiB = asciiA + "x";
        Assert.Equal(-1, Compare(Quote(asciiA), Quote(asciiB)));
    }

    [Fact]
    public void Comparers_adapt_collation()
    {
        var keys = new List<byte[]> { Bytes("\"b\""), Bytes("1"), Bytes("\"A\""), Bytes("\"a\""), Bytes("null") };
        keys.Sort(ViewCollation.Comparer(raw: false));
        Assert.Equal(["null", "1", "\"a\"", "\"A\"", "\"b\""], keys.Select(k => Encoding.UTF8.GetString(k)));
        var memory = keys.Select(k => (ReadOnlyMemory<byte>)k).ToList();
        memory.Sort(ViewCollation.Comparer(raw: true));
        Assert.Equal(["1", "null", "\"A\"", "\"a\"", "\"b\""], memory.Select(k => Encoding.UTF8.GetString(k.Span)));
        Assert.True(JsonKeyComparer.Raw.IsRaw);
        Assert.False(JsonKeyComparer.Unicode.IsRaw);
    }

    private static int Compare(string a, string b) => ViewCollation.Compare(Bytes(a), Bytes(b));

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
