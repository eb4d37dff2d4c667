using System.Text.Json;
using CouchJs.Database.Mango;

namespace CouchJs.Database.Tests.Mango;

public sealed class JsonCollationTests
{
    // The ordering example of CouchDB's view collation docs (ddocs/views/collation.rst), in order.
    private static readonly string[] ViewOrder =
    [
        "null", "false", "true", "1", "2", "3.0", "4", "\"a\"", "\"A\"", "\"aa\"", "\"b\"", "\"B\"", "\"ba\"", "\"bb\"",
        "[\"a\"]", "[\"b\"]", "[\"b\",\"c\"]", "[\"b\",\"c\",\"a\"]", "[\"b\",\"d\"]", "[\"b\",\"d\",\"e\"]",
        "{\"a\":1}", "{\"a\":2}", "{\"b\":1}", "{\"b\":2}", "{\"b\":2,\"a\":1}", "{\"b\":2,\"c\":2}",
    ];

    // Erlang term order: numbers < atoms (alphabetical) < tuples (objects) < lists < binaries.
    private static readonly string[] RawOrder =
        ["1", "2.5", "false", "null", "true", "{\"a\":1}", "[]", "[1]", "\"B\"", "\"a\"", "\"aa\""];

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void View_collation_orders_couchdbs_example() => AssertOrdered(ViewOrder, JsonCollation.Compare);

    [Fact]
    public void Raw_order_is_erlangs_term_order() => AssertOrdered(RawOrder, JsonCollation.CompareRaw);

    [Fact]
    public void Integers_and_floats_of_one_value_are_equal()
    {
        Assert.Equal(0, JsonCollation.Compare(Json("1"), Json("1.0")));
        Assert.Equal(0, JsonCollation.CompareRaw(Json("1"), Json("1.0")));
    }

    [Fact]
    public void Raw_strings_compare_by_code_point_not_utf16_unit() =>
        Assert.True(JsonCollation.CompareRaw(Json("\"\uFB01\""), Json("\"\U0001F600\"")) < 0);

    private static void AssertOrdered(string[] values, Func<JsonElement, JsonElement, int> compare)
    {
        for (int i = 0; i < values.Length; i++)
        {
            for (int j = 0; j < values.Length; j++)
            {
                int expected = i.CompareTo(j);
                int actual = compare(Json(values[i]), Json(values[j]));
                Assert.True(expected == actual, $"{values[i]} vs {values[j]}: expected {expected}, got {actual}");
            }
        }
    }
}
