using System.Text;
using CouchJs.Views.Collation;

namespace CouchJs.Views.Tests.Collation;

/// <summary>
/// CouchDB's published collation orders: the view_collation test list (docs ddocs/views/collation.rst,
/// test/elixir/test/view_collation_test.exs) with the extra values of couch_ejson_compare_tests.erl,
/// and the raw order of view_collation_raw_test.exs. Every value sorts after the previous one and
/// equals itself.
/// </summary>
public class CollationSpecTests
{
    public static readonly string[] ViewOrder =
    [
        "null", "false", "true",
        "-2", "-0.1", "0", "0.1", "1", "2", "3.0", "4",
        "\"a\"", "\"A\"", "\"aa\"", "\"b\"", "\"B\"", "\"ba\"", "\"bb\"",
        "\"\\uffff\"", // the highest code point sorts after every other string (libicu >= 59)
        "[\"a\"]", "[\"b\"]", "[\"b\",\"c\"]", "[\"b\",\"c\",\"a\"]", "[\"b\",\"d\"]", "[\"b\",\"d\",\"e\"]",
        "{\"a\":1}", "{\"a\":2}", "{\"b\":1}", "{\"b\":2}", "{\"b\":2,\"a\":1}", "{\"b\":2,\"c\":2}",
    ];

    public static readonly string[] RawOrder =
    [
        "1", "2", "3", "4", "false", "null", "true",
        "{\"a\":1}", "{\"a\":2}", "{\"b\":1}", "{\"b\":2}", "{\"b\":2,\"a\":1}", "{\"b\":2,\"c\":2}",
        "[\"a\"]", "[\"b\"]", "[\"b\",\"c\"]", "[\"b\",\"c\",\"a\"]", "[\"b\",\"d\"]", "[\"b\",\"d\",\"e\"]",
        "\"A\"", "\"B\"", "\"a\"", "\"aa\"", "\"b\"", "\"ba\"", "\"bb\"",
    ];

    [Fact]
    public void View_collation_sorts_the_published_list() => AssertStrictOrder(ViewOrder, ViewCollation.Compare);

    [Fact]
    public void Raw_collation_sorts_the_published_list() => AssertStrictOrder(RawOrder, ViewCollation.CompareRaw);

    [Fact]
    public void Docs_raw_collation_example_sorts()
    {
        // collation.rst "Raw collation": 1, false, null, true, {"a":"a"}, ["a"], "a".
        AssertStrictOrder(["1", "false", "null", "true", "{\"a\":\"a\"}", "[\"a\"]", "\"a\""], ViewCollation.CompareRaw);
    }

    [Fact]
    public void Ascii_characters_sort_in_icu_root_order()
    {
        // collation.rst lists the 7-bit order; libicu since 59 (CLDR root) moves ` and ^ from the front to
        // after %, which is what CouchDB 3.x shows on a current libicu (and this machine's libicu 72).
        string order = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";
        var keys = order.Select(c => Quote(c.ToString())).ToArray();
        AssertStrictOrder(keys, ViewCollation.Compare);
    }

    [Fact]
    public void Letters_compare_without_case_first_then_lowercase_first()
    {
        // collation.rst "Key ranges": abc < Abc < ABC < abc1 < AbcZZZZZ; a < aa, A < aa, a < AA.
        AssertStrictOrder(new[] { "abc", "Abc", "ABC", "abc1", "AbcZZZZZ" }.Select(Quote).ToArray(), ViewCollation.Compare);
        Assert.Equal(-1, Compare("a", "aa"));
        Assert.Equal(-1, Compare("A", "aa"));
        Assert.Equal(-1, Compare("a", "AA"));
        Assert.Equal(-1, Compare("a", "A"));
    }

    [Fact]
    public void Range_ends_used_in_the_docs_bracket_their_keys()
    {
        // startkey=["XYZ"]&endkey=["XYZ",{}] holds ["XYZ","bar"] and ["XYZ",["bar","baz"]], not ["XYZ",{"an":"object"}] past {}.
        Assert.True(ViewCollation.Compare("[\"XYZ\"]"u8, "[\"XYZ\",\"bar\"]"u8) < 0);
        Assert.True(ViewCollation.Compare("[\"XYZ\",[\"bar\",\"baz\"]]"u8, "[\"XYZ\",{}]"u8) < 0);
        Assert.True(ViewCollation.Compare("[\"XYZ\",{\"an\":\"object\"}]"u8, "[\"XYZ\",{}]"u8) > 0);
        // startkey="abc"&endkey="abc\ufff0" holds the strings starting with abc.
        Assert.True(ViewCollation.Compare("\"abcdef\""u8, "\"abc\\ufff0\""u8) < 0);
        Assert.True(ViewCollation.Compare("\"abc\""u8, "\"abcdef\""u8) < 0);
        // In raw collation "\ufff0" is the high string sentinel and {} no longer is.
        Assert.True(ViewCollation.CompareRaw("\"zzz\""u8, "\"\\ufff0\""u8) < 0);
        Assert.True(ViewCollation.CompareRaw("\"a\""u8, "{}"u8) > 0);
    }

    [Fact]
    public void Raw_key_range_from_Z_to_a_holds_only_a()
    {
        // view_collation_raw_test.exs: startkey="Z", endkey="a" returns just "a".
        var inRange = RawOrder.Where(k => ViewCollation.CompareRaw(Bytes(k), "\"Z\""u8) >= 0 && ViewCollation.CompareRaw(Bytes(k), "\"a\""u8) <= 0);
        Assert.Equal(["\"a\""], inRange);
    }

    private static int Compare(string a, string b) => ViewCollation.Compare(Bytes(Quote(a)), Bytes(Quote(b)));

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    internal static void AssertStrictOrder(IReadOnlyList<string> values, Func<ReadOnlySpan<byte>, ReadOnlySpan<byte>, int> compare)
    {
        for (int i = 0; i < values.Count; i++)
        {
            Assert.True(compare(Bytes(values[i]), Bytes(values[i])) == 0, $"{values[i]} == itself");
            for (int j = i + 1; j < values.Count; j++)
            {
                Assert.True(compare(Bytes(values[i]), Bytes(values[j])) == -1, $"{values[i]} < {values[j]}");
                Assert.True(compare(Bytes(values[j]), Bytes(values[i])) == 1, $"{values[j]} > {values[i]}");
            }
        }
    }
}
