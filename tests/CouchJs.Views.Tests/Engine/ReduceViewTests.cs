using CouchJs.Views.Querying;
using CouchJs.Views.Tests.Support;

namespace CouchJs.Views.Tests.Engine;

public sealed class ReduceViewTests : IAsyncLifetime
{
    private readonly ViewHarness _h = ViewHarness.InMemory();

    public async Task InitializeAsync()
    {
        await _h.PutDesign("_design/r", """
            {"sum":{"map":"by_key","reduce":"_sum"},"count":{"map":"by_key","reduce":"_count"},
             "stats":{"map":"by_key","reduce":"_stats"},"js":{"map":"by_key","reduce":"js_sum"},"rows":{"map":"by_key"}}
            """);
        await _h.PutMany([
            """{"_id":"a","key":["x",1],"value":1}""",
            """{"_id":"b","key":["x",2],"value":2}""",
            """{"_id":"c","key":["x",2],"value":3}""",
            """{"_id":"d","key":["y",1],"value":4}""",
            """{"_id":"e","key":"z","value":5}""",
        ]);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Without_grouping_one_row_with_a_null_key()
    {
        Assert.Equal([("null", "15")], await _h.Reduce("_design/r", "sum"));
        Assert.Equal([("null", "5")], await _h.Reduce("_design/r", "count"));
        Assert.Equal([("null", """{"sum":15,"count":5,"min":1,"max":5,"sumsqr":55}""")], await _h.Reduce("_design/r", "stats"));
    }

    [Fact]
    public async Task A_key_reduces_its_rows_and_an_empty_range_has_no_row()
    {
        Assert.Equal([("null", "5")], await _h.Reduce("_design/r", "sum", new ViewQuery { StartKey = ViewHarness.Key("""["x",2]"""), EndKey = ViewHarness.Key("""["x",2]""") }));
        Assert.Empty(await _h.Reduce("_design/r", "sum", new ViewQuery { StartKey = ViewHarness.Key("\"q\""), EndKey = ViewHarness.Key("\"q\"") }));
    }

    [Fact]
    public async Task Group_true_and_group_level()
    {
        Assert.Equal([("\"z\"", "5"), ("[\"x\",1]", "1"), ("[\"x\",2]", "5"), ("[\"y\",1]", "4")],
            await _h.Reduce("_design/r", "sum", new ViewQuery { GroupLevel = ViewQuery.ExactGroup }));
        Assert.Equal([("\"z\"", "5"), ("[\"x\"]", "6"), ("[\"y\"]", "4")],
            await _h.Reduce("_design/r", "sum", new ViewQuery { GroupLevel = 1 }));
        Assert.Equal([("[\"x\"]", "6")],
            await _h.Reduce("_design/r", "sum", new ViewQuery { GroupLevel = 1, Skip = 1, Limit = 1 }));
        Assert.Equal([("[\"y\"]", "4"), ("[\"x\"]", "6"), ("\"z\"", "5")],
            await _h.Reduce("_design/r", "sum", new ViewQuery { GroupLevel = 1, Descending = true }));
    }

    [Fact]
    public async Task Keys_with_group_true_give_a_row_per_key()
    {
        var rows = await _h.Reduce("_design/r", "count", new ViewQuery
        {
            GroupLevel = ViewQuery.ExactGroup,
            Keys = [ViewHarness.Key("\"z\""), ViewHarness.Key("\"none\""), ViewHarness.Key("""["x",2]""")],
        });
        Assert.Equal([("\"z\"", "1"), ("[\"x\",2]", "2")], rows);
    }

    [Fact]
    public async Task JavaScript_reduces_run_in_the_query_server_and_agree_with_the_builtin()
    {
        Assert.Equal([("null", "15")], await _h.Reduce("_design/r", "js"));
        Assert.Equal(await _h.Reduce("_design/r", "sum", new ViewQuery { GroupLevel = 1 }), await _h.Reduce("_design/r", "js", new ViewQuery { GroupLevel = 1 }));
        Assert.True(_h.Pool.ReduceCalls > 0);
        Assert.Equal(0, await _h.Pool.OutstandingWhenSettled());
    }

    [Fact]
    public async Task Reduce_false_reads_the_rows_of_a_reduce_view()
    {
        var rows = await _h.Map("_design/r", "sum");
        Assert.Equal(5, rows.TotalRows);
        Assert.Equal(["e", "a", "b", "c", "d"], rows.Ids);
    }

    [Fact]
    public async Task Many_groups_are_folded_in_chunks_without_losing_any()
    {
        await _h.PutMany(Enumerable.Range(0, 1300).Select(i => $$"""{"_id":"n{{i}}","key":{{i}},"value":{{i}}}"""));
        var all = await _h.Reduce("_design/r", "count", new ViewQuery { GroupLevel = ViewQuery.ExactGroup, EndKey = ViewHarness.Key("2000") });
        Assert.Equal(Enumerable.Range(0, 1300).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), "1")), all);
        var down = await _h.Reduce("_design/r", "sum", new ViewQuery { GroupLevel = ViewQuery.ExactGroup, Descending = true, StartKey = ViewHarness.Key("1299"), Skip = 600, Limit = 700 });
        Assert.Equal(Enumerable.Range(0, 700).Select(i => 699 - i).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), i.ToString(System.Globalization.CultureInfo.InvariantCulture))), down);
    }
}
