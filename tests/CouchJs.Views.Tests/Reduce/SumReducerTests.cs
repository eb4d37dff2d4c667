using CouchJs.QueryServers;
using CouchJs.Views.Reduce;
using static CouchJs.Views.Tests.Reduce.ReduceTestData;

namespace CouchJs.Views.Tests.Reduce;

/// <summary>_sum as couch_query_servers computes it (its eunit cases included), with jiffy's number output.</summary>
public class SumReducerTests
{
    private const string SumError =
        "{\"error\":\"builtin_reduce_error\",\"reason\":\"The _sum function requires that map values be numbers, " +
        "arrays of numbers, or objects. Objects cannot be mixed with other data structures. Objects can be " +
        "arbitrarily nested, provided that the values for all fields are themselves numbers, arrays of numbers, " +
        "or objects.\",\"caused_by\":";

    [Theory]
    [InlineData("0")]
    [InlineData("6", "1", "2", "3")]
    [InlineData("3.5", "1", "2.5")]
    [InlineData("3.0", "1", "2.0")] // a float anywhere makes a float, shown with .0
    [InlineData("0.30000000000000004", "0.1", "0.2")]
    [InlineData("-1", "2", "-3")]
    [InlineData("9223372036854775808", "9223372036854775807", "1")] // integers do not overflow
    [InlineData("-9223372036854775809", "-9223372036854775808", "-1")]
    [InlineData("100000000000000000000", "99999999999999999999", "1")]
    [InlineData("1e+21", "1e21")]
    [InlineData("2e+21", "2e21", "1")] // 2e21 + 1 is the double 2e21
    [InlineData("1.5e-7", "1.5e-7")]
    public void Numbers_add_up(string expected, params string[] values)
    {
        Assert.Equal(expected, ReduceOf("_sum", values));
        Assert.Equal(expected, RereduceOf("_sum", values));
    }

    [Theory]
    [InlineData("[2,4,6]", "1", "[1,4,6]")] // a number meets an array as a one-element array
    [InlineData("[2,4,6]", "[1,4,6]", "1")]
    [InlineData("[3,5,7]", "[0,3,3]", "[3,2,4]")]
    [InlineData("[3,5,3]", "[1,2]", "[2,3,3]")] // the longer array's tail is kept
    [InlineData("[3,5,3]", "[2,3,3]", "[1,2]")]
    [InlineData("[0]", "[]", "[]")] // sum_arrays([0], []) keeps the accumulator's [0]
    [InlineData("[1,\"x\"]", "[1,\"x\"]")] // a tail is not checked
    [InlineData("[2.5,2]", "[1,1]", "[1.5,1]")]
    public void Arrays_add_element_wise(string expected, params string[] values) =>
        Assert.Equal(expected, ReduceOf("_sum", values));

    [Fact]
    public void Objects_add_member_wise_sorted_by_key()
    {
        // couch_query_servers sum_values_test: X + Y = Z either way round.
        const string x = "{\"a\":1,\"b\":[1,2],\"c\":{\"d\":3},\"g\":1}";
        const string y = "{\"a\":2,\"b\":3,\"c\":{\"e\":5},\"f\":1,\"g\":1}";
        const string z = "{\"a\":3,\"b\":[4,2],\"c\":{\"d\":3,\"e\":5},\"f\":1,\"g\":2}";
        Assert.Equal(z, ReduceOf("_sum", x, y));
        Assert.Equal(z, ReduceOf("_sum", y, x));
        Assert.Equal(z, RereduceOf("_sum", x, y));
    }

    [Fact]
    public void A_single_object_is_taken_as_it_is()
    {
        Assert.Equal("{\"b\":1,\"a\":\"not checked\"}", ReduceOf("_sum", "{\"b\":1,\"a\":\"not checked\"}"));
        Assert.Equal("{\"b\":1}", ReduceOf("_sum", "0", "{\"b\":1}")); // the integer 0 takes an object
        Assert.Equal("{\"a\":2,\"b\":1}", ReduceOf("_sum", "{\"b\":1,\"a\":1}", "{\"a\":1}"));
    }

    [Theory]
    [InlineData("\"foo\"", "\"foo\"")]
    [InlineData("null", "1", "null")]
    [InlineData("true", "true", "2")]
    [InlineData("[0]", "[\"a\"]")] // sum_arrays([0], ["a"]) fails on the accumulator's side
    [InlineData("[\"x\"]", "[1,\"x\"]", "[2,3]")]
    [InlineData("[1,2,3]", "[1,2,3]", "[{\"a\":1},{\"a\":2},{\"a\":3}]")]
    [InlineData("\"foo\"", "{\"a\":1}", "\"foo\"")]
    [InlineData("\"x\"", "{\"a\":1}", "{\"a\":\"x\"}")]
    public void Values_that_do_not_add_make_a_builtin_reduce_error(string causedBy, params string[] values)
    {
        Assert.Equal(SumError + causedBy + "}", ReduceOf("_sum", values));
    }

    [Fact]
    public void A_reduce_error_passes_through_rereduce()
    {
        string error = ReduceOf("_sum", "\"foo\"");
        Assert.Equal(error, RereduceOf("_sum", "1", error, "2"));
        Assert.Equal(error, RereduceOf("_sum", error));
        // An error nested in an object member surfaces as that object.
        Assert.Equal(error, RereduceOf("_sum", "{\"a\":1}", "{\"a\":" + error + "}"));
    }

    [Theory]
    [InlineData("1", "1", "{\"a\":1}")]
    [InlineData("0.0", "0.0", "{\"a\":1}")] // 0.0 is not the integer 0
    [InlineData("[1]", "[1]", "{\"a\":1}")]
    public void An_object_after_a_number_or_array_crashes_like_erlangs_case_clause(string acc, params string[] values)
    {
        var e = Assert.Throws<QueryServerException>(() => ReduceOf("_sum", values));
        Assert.Equal("case_clause", e.Error);
        Assert.Equal(acc, e.Reason);
    }

    [Fact]
    public void An_error_member_that_is_not_a_reduce_error_crashes()
    {
        var e = Assert.Throws<QueryServerException>(() => ReduceOf("_sum", "{\"error\":5}"));
        Assert.Equal("case_clause", e.Error);
        Assert.Equal("{<<\"error\">>,5}", e.Reason);
    }

    [Fact]
    public void Output_that_does_not_shrink_becomes_an_error()
    {
        // The input [[["k0","doc0"],{"a":1}]] is 53 bytes as an Erlang term, the output {"a":1} 19.
        var rows = Rows("{\"a\":1}");
        string Limited(double ratio) => Text(BuiltinReducer.Get("_sum", new BuiltinReduceLimit(true, Threshold: 10, Ratio: ratio))!.Reduce(rows));
        Assert.Equal("{\"a\":1}", Limited(2.0)); // 38 <= 53
        Assert.Equal("{\"error\":\"builtin_reduce_error\",\"reason\":\"Reduce output must shrink more rapidly: input size: 53 output size: 19\"}", Limited(3.0));
        Assert.Equal("{\"a\":1}", Text(BuiltinReducer.Get("_sum", new BuiltinReduceLimit(false, Threshold: 10, Ratio: 3.0))!.Reduce(rows)));
    }

    [Fact]
    public void Default_limit_catches_objects_with_many_unique_keys_in_rereduce()
    {
        // Each reduction adds new keys, so the sum only grows (couchdb PR 1574): 400 inputs [[], {"keyNNNN":1}]
        // are 12407 bytes as an Erlang term, their sum 6409 — over 4906 and more than half the input.
        var values = Enumerable.Range(0, 400).Select(i => $"{{\"key{i:D4}\":1}}").ToArray();
        Assert.Equal(
            "{\"error\":\"builtin_reduce_error\",\"reason\":\"Reduce output must shrink more rapidly: input size: 12407 output size: 6409\"}",
            RereduceOf("_sum", values));
        // Few keys shrink fine.
        Assert.Equal("{\"key0000\":400}", RereduceOf("_sum", [.. Enumerable.Repeat("{\"key0000\":1}", 400)]));
    }
}
