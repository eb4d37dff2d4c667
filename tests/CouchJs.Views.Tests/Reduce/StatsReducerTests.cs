using CouchJs.QueryServers;
using static CouchJs.Views.Tests.Reduce.ReduceTestData;

namespace CouchJs.Views.Tests.Reduce;

/// <summary>_stats as couch_query_servers computes it (its eunit cases included) and the errors it throws.</summary>
public class StatsReducerTests
{
    private static string Stats(string sum, string count, string min, string max, string sumsqr) =>
        $"{{\"sum\":{sum},\"count\":{count},\"min\":{min},\"max\":{max},\"sumsqr\":{sumsqr}}}";

    [Fact]
    public void Numbers_give_sum_count_min_max_and_sum_of_squares()
    {
        Assert.Equal(Stats("2", "1", "2", "2", "4"), ReduceOf("_stats", "2"));
        Assert.Equal(Stats("11", "2", "1", "10", "101"), ReduceOf("_stats", "1", "10"));
        Assert.Equal(Stats("0", "0", "0", "0", "0"), ReduceOf("_stats"));
        Assert.Equal(Stats("-1.5", "3", "-3", "2.5", "16.25"), ReduceOf("_stats", "2.5", "-3", "-1"));
        Assert.Equal(Stats("18446744073709551614", "2", "9223372036854775807", "9223372036854775807", "170141183460469231694793815568465002498"),
            ReduceOf("_stats", "9223372036854775807", "9223372036854775807"));
    }

    [Fact]
    public void Min_and_max_keep_the_incoming_value_on_ties()
    {
        // erlang:min(Value, Acc) returns Value when 1.0 == 1.
        Assert.Equal(Stats("2.0", "2", "1.0", "1.0", "2.0"), ReduceOf("_stats", "1", "1.0"));
        Assert.Equal(Stats("2.0", "2", "1", "1", "2.0"), ReduceOf("_stats", "1.0", "1"));
    }

    [Fact]
    public void Arrays_give_stats_element_wise()
    {
        Assert.Equal("[" + Stats("1", "1", "1", "1", "1") + "," + Stats("2", "1", "2", "2", "4") + "]", ReduceOf("_stats", "[1,2]"));
        // stat_values([2,3,5], [7,11,13])
        Assert.Equal("[" + Stats("9", "2", "2", "7", "53") + "," + Stats("14", "2", "3", "11", "130") + "," + Stats("18", "2", "5", "13", "194") + "]",
            ReduceOf("_stats", "[7,11,13]", "[2,3,5]"));
        Assert.Equal("[[" + Stats("4", "2", "1", "3", "10") + "]]", ReduceOf("_stats", "[[1]]", "[[3]]"));
    }

    [Fact]
    public void Pre_aggregated_stats_objects_are_accepted()
    {
        string one = Stats("1", "1", "1", "1", "1"), two = Stats("2", "1", "2", "2", "4");
        Assert.Equal(Stats("3", "2", "1", "2", "5"), ReduceOf("_stats", one, two));
        Assert.Equal(Stats("3", "2", "1", "2", "5"), RereduceOf("_stats", one, two));
        Assert.Equal(Stats("5", "3", "1", "2", "9"), ReduceOf("_stats", two, one, "2"));
        Assert.Equal("[" + Stats("3", "2", "1", "2", "5") + "]", RereduceOf("_stats", "[" + one + "]", "[" + two + "]"));
        // Members in any order, extra members ignored.
        Assert.Equal(Stats("5", "2", "1", "4", "17"),
            ReduceOf("_stats", "{\"x\":0,\"sumsqr\":1,\"max\":1,\"min\":1,\"count\":1,\"sum\":1}", "4"));
    }

    [Fact]
    public void Rereduce_combines_reductions()
    {
        string left = ReduceOf("_stats", "1", "2", "3"), right = ReduceOf("_stats", "4", "5");
        Assert.Equal(ReduceOf("_stats", "1", "2", "3", "4", "5"), RereduceOf("_stats", left, right));
        Assert.Equal(Stats("0", "0", "0", "0", "0"), RereduceOf("_stats"));
    }

    [Theory]
    [InlineData("non-numeric _stats input: <<\"foo\">>", "\"foo\"")]
    [InlineData("non-numeric _stats input: null", "null", "1")]
    [InlineData("non-numeric _stats input: <<\"a\">>", "[1,\"a\"]")]
    [InlineData("The _stats function requires that map values be numbers or arrays of numbers, not '<<\"dog\">>'", "1.23", "\"dog\"")]
    [InlineData("The _stats function requires that map values be numbers or arrays of numbers, not 'null'", "1", "null")]
    [InlineData("The _stats function requires that map values be numbers or arrays of numbers, not 'true'", "1", "true")]
    [InlineData("The _stats function requires that map values be numbers or arrays of numbers, not '[1,2]'", "1", "[1,2]")]
    [InlineData("The _stats function requires that map values be numbers or arrays of numbers, not '{5,1,5,5,25}'", "[1]", "5")]
    [InlineData("The _stats function requires that map values be numbers or arrays of numbers, not '<<\"x\">>'", "[1]", "[\"x\"]")]
    [InlineData("user _stats input missing required field count ([{<<\"sum\">>,1}])", "{\"sum\":1}")]
    [InlineData("user _stats input missing required field sum ([])", "1", "{}")]
    [InlineData("non-numeric _stats input received for min: <<\"x\">>", "{\"sum\":1,\"count\":1,\"min\":\"x\",\"max\":1,\"sumsqr\":1}")]
    public void Bad_values_fail_with_couchdbs_invalid_value_reasons(string reason, params string[] values)
    {
        var e = Assert.Throws<QueryServerException>(() => ReduceOf("_stats", values));
        Assert.Equal("invalid_value", e.Error);
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void Arrays_of_different_lengths_crash_like_lists_zipwith()
    {
        var e = Assert.Throws<QueryServerException>(() => ReduceOf("_stats", "[1,2]", "[1]"));
        Assert.Equal("function_clause", e.Error);
    }
}
