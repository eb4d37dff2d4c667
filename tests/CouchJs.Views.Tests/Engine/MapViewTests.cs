using CouchJs.Views.Querying;
using CouchJs.Views.Tests.Support;

namespace CouchJs.Views.Tests.Engine;

public sealed class MapViewTests : IAsyncLifetime
{
    private readonly ViewHarness _h = ViewHarness.InMemory();

    public async Task InitializeAsync()
    {
        await _h.PutDesign("_design/d", """{"by_key":{"map":"by_key"},"by_id":{"map":"by_id"},"twice":{"map":"twice"}}""");
        await _h.PutMany([
            """{"_id":"a","key":"b","value":1}""",
            """{"_id":"b","key":"a","value":2}""",
            """{"_id":"c","key":"c","value":3}""",
            """{"_id":"d","key":"a","value":4}""",
            """{"_id":"e","key":null,"value":5}""",
            """{"_id":"f","key":[1,2],"value":6}""",
        ]);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Rows_are_in_collation_order_then_doc_id()
    {
        var result = await _h.Map("_design/d", "by_key");
        Assert.Equal(6, result.TotalRows);
        Assert.Equal(0, result.Offset);
        Assert.Equal(
            [new("e", "null", "5"), new("b", "\"a\"", "2"), new("d", "\"a\"", "4"), new("a", "\"b\"", "1"), new("c", "\"c\"", "3"), new("f", "[1,2]", "6")],
            result.Rows);
    }

    [Fact]
    public async Task Design_docs_are_not_mapped_without_include_design()
    {
        var result = await _h.Map("_design/d", "by_id");
        Assert.Equal(["a", "b", "c", "d", "e", "f"], result.Ids);
    }

    [Fact]
    public async Task Key_range_with_skip_limit_and_offset()
    {
        var result = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = ViewHarness.Key("\"a\""), Skip = 1, Limit = 2 });
        Assert.Equal(2, result.Offset);
        Assert.Equal(["d", "a"], result.Ids);
    }

    [Fact]
    public async Task Descending_starts_at_the_high_key_and_counts_offset_from_the_end()
    {
        var result = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = ViewHarness.Key("\"b\""), Descending = true });
        Assert.Equal(["a", "d", "b", "e"], result.Ids);
        Assert.Equal(2, result.Offset);
    }

    [Theory]
    [InlineData(true, new[] { "b", "d", "a" })]
    [InlineData(false, new[] { "b", "d" })]
    public async Task Inclusive_end_takes_or_leaves_every_row_of_the_end_key(bool inclusive, string[] ids)
    {
        var result = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = ViewHarness.Key("\"a\""), EndKey = ViewHarness.Key("\"b\""), InclusiveEnd = inclusive });
        Assert.Equal(ids, result.Ids);
    }

    [Fact]
    public async Task Doc_id_bounds_narrow_rows_of_equal_keys()
    {
        var key = ViewHarness.Key("\"a\"");
        var from = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = key, StartKeyDocId = "c", EndKey = key });
        Assert.Equal(["d"], from.Ids);
        var to = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = key, EndKey = key, EndKeyDocId = "b" });
        Assert.Equal(["b"], to.Ids);
        var excluded = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = key, EndKey = key, EndKeyDocId = "d", InclusiveEnd = false });
        Assert.Equal(["b"], excluded.Ids);
        var down = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = key, StartKeyDocId = "c", EndKey = key, Descending = true });
        Assert.Equal(["b"], down.Ids);
    }

    [Fact]
    public async Task Keys_fold_each_key_in_the_order_given()
    {
        var result = await _h.Map("_design/d", "by_key", new ViewQuery { Keys = [ViewHarness.Key("\"c\""), ViewHarness.Key("\"a\""), ViewHarness.Key("\"zz\"")] });
        Assert.Equal(["c", "b", "d"], result.Ids);
        Assert.Equal(4, result.Offset);
    }

    [Fact]
    public async Task Offset_without_rows_counts_up_to_where_the_fold_stopped()
    {
        var past = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = ViewHarness.Key("{}") });
        Assert.Equal(6, past.Offset);
        var between = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = ViewHarness.Key("\"aa\""), EndKey = ViewHarness.Key("\"ab\"") });
        Assert.Empty(between.Rows);
        Assert.Equal(3, between.Offset);
        var skipped = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = ViewHarness.Key("\"a\""), EndKey = ViewHarness.Key("\"a\""), Skip = 5 });
        Assert.Empty(skipped.Rows);
        Assert.Equal(3, skipped.Offset);
        var noKeys = await _h.Map("_design/d", "by_key", new ViewQuery { Keys = [] });
        Assert.Equal(0, noKeys.Offset);
    }

    [Fact]
    public async Task Limit_zero_still_reports_the_offset_of_the_first_row()
    {
        var result = await _h.Map("_design/d", "by_key", new ViewQuery { StartKey = ViewHarness.Key("\"b\""), Limit = 0 });
        Assert.Empty(result.Rows);
        Assert.Equal(3, result.Offset);
    }

    [Fact]
    public async Task A_key_emitted_twice_by_one_doc_gives_two_rows_in_value_order()
    {
        var result = await _h.Map("_design/d", "twice", new ViewQuery { Keys = [ViewHarness.Key("\"a\"")] });
        Assert.Equal([new("b", "\"a\"", "1"), new("b", "\"a\"", "2"), new("d", "\"a\"", "1"), new("d", "\"a\"", "2")], result.Rows);
        Assert.Equal(12, result.TotalRows);
    }

    [Fact]
    public async Task Reversed_range_is_a_query_parse_error()
    {
        var query = new ViewQuery { StartKey = ViewHarness.Key("\"b\""), EndKey = ViewHarness.Key("\"a\"") };
        var error = Assert.Throws<CouchJs.Database.CouchException>(() => ViewRanges.Check(query, Index.ViewKeyComparer.Collated));
        Assert.Equal("No rows can match your key range, reverse your start_key and end_key or set descending=true", error.Reason);
        var down = query with { StartKey = query.EndKey, EndKey = query.StartKey, Descending = true };
        error = Assert.Throws<CouchJs.Database.CouchException>(() => ViewRanges.Check(down, Index.ViewKeyComparer.Collated));
        Assert.Equal("No rows can match your key range, reverse your start_key and end_key or set descending=false", error.Reason);
        ViewRanges.Check(query with { EndKey = query.StartKey }, Index.ViewKeyComparer.Collated);
    }
}

public sealed class RawCollationTests
{
    [Fact]
    public async Task Raw_collation_sorts_in_erlang_term_order_with_bytewise_strings()
    {
        await using var h = ViewHarness.InMemory();
        await h.PutDesign("_design/c", """{"raw":{"map":"by_key","options":{"collation":"raw"}},"icu":{"map":"by_key"}}""");
        string[] keys = ["\"a\"", "\"B\"", "[1]", "{\"x\":1}", "true", "null", "false", "2", "1.5"];
        await h.PutMany(keys.Select((k, i) => $$"""{"_id":"d{{i}}","key":{{k}}}"""));
        var raw = await h.Map("_design/c", "raw");
        Assert.Equal(["1.5", "2", "false", "null", "true", "{\"x\":1}", "[1]", "\"B\"", "\"a\""], raw.Rows.Select(r => r.Key));
        var icu = await h.Map("_design/c", "icu");
        Assert.Equal(["null", "false", "true", "1.5", "2", "\"a\"", "\"B\"", "[1]", "{\"x\":1}"], icu.Rows.Select(r => r.Key));
        var range = await h.Map("_design/c", "raw", new Querying.ViewQuery { StartKey = ViewHarness.Key("\"A\""), EndKey = ViewHarness.Key("\"Z\"") });
        Assert.Equal(["\"B\""], range.Rows.Select(r => r.Key));
    }
}
