using CouchJs.Views.Reduce;

namespace CouchJs.Views.Tests.Reduce;

public class BuiltinReducerTests
{
    [Theory]
    [InlineData("_sum", "_sum")]
    [InlineData("_sum\n", "_sum")]
    [InlineData("_sum // total", "_sum")]
    [InlineData("_summary", "_sum")]
    [InlineData("_count", "_count")]
    [InlineData("_count     \n  ", "_count")]
    [InlineData("_stats", "_stats")]
    [InlineData("_statsorama", "_stats")]
    [InlineData("_stats\nare\nawesome", "_stats")]
    [InlineData("_approx_count_distinct", "_approx_count_distinct")]
    [InlineData("_approx_count_distinct ", "_approx_count_distinct")]
    public void Builtins_match_by_prefix_as_couchdb_does(string source, string name)
    {
        // reduce_builtin_test.exs "Builtin reduce functions with trailings".
        Assert.Equal(name, BuiltinReducer.Get(source)!.Name);
        Assert.True(BuiltinReducer.IsBuiltin(source));
        Assert.Null(BuiltinReducer.Validate(source));
    }

    [Theory]
    [InlineData("_foo")]
    [InlineData("_")]
    [InlineData("_Sum")]
    [InlineData("_approx_count")]
    [InlineData("_first")]
    public void Unknown_builtins_are_rejected_with_couchdbs_reason(string source)
    {
        Assert.Null(BuiltinReducer.Get(source));
        Assert.True(BuiltinReducer.IsBuiltin(source));
        Assert.Equal($"`{source}` is not a supported reduce function.", BuiltinReducer.Validate(source));
        Assert.Equal("invalid_design_doc", BuiltinReducer.UnsupportedError);
    }

    [Theory]
    [InlineData("function(keys, values) { return sum(values); }")]
    [InlineData(" _sum")]
    [InlineData("")]
    public void Other_sources_are_javascript(string source)
    {
        Assert.Null(BuiltinReducer.Get(source));
        Assert.False(BuiltinReducer.IsBuiltin(source));
        Assert.Null(BuiltinReducer.Validate(source));
    }

    [Fact]
    public void Count_counts_rows_and_sums_counts()
    {
        Assert.Equal("0", ReduceTestData.ReduceOf("_count"));
        Assert.Equal("3", ReduceTestData.ReduceOf("_count", "1", "\"x\"", "null"));
        Assert.Equal("12", ReduceTestData.RereduceOf("_count", "3", "4", "5"));
        Assert.Equal("0", ReduceTestData.RereduceOf("_count"));
    }

    [Fact]
    public void Finish_shows_json_reductions_as_they_are()
    {
        var sum = BuiltinReducer.Get("_sum")!;
        var reduction = sum.Reduce(ReduceTestData.Rows("1", "2"));
        Assert.Equal("3", ReduceTestData.Text(sum.Finish(reduction)));
    }
}
