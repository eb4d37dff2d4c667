using CouchJs.Views.Querying;
using CouchJs.Views.Tests.Support;
using CouchJs.Views.Updating;

namespace CouchJs.Views.Tests.Engine;

/// <summary>How updates and queries take query servers from the pool: never more than it has, always returned.</summary>
public sealed class QueryServerUseTests
{
    [Fact]
    public async Task A_pool_of_one_maps_and_reduces_without_waiting_on_itself()
    {
        await using var h = ViewHarness.WithPool(1, new UpdateSettings { MapBatchSize = 20, WriteBatchSize = 20, MapParallelism = 2 });
        await h.PutDesign("_design/j", """{"v":{"map":"by_key","reduce":"js_sum"}}""");
        await h.PutMany(Enumerable.Range(0, 400).Select(i => $$"""{"_id":"d{{i:D3}}","key":{{i % 5}},"value":1}"""));
        var rows = await h.Reduce("_design/j", "v", new ViewQuery { GroupLevel = ViewQuery.ExactGroup });
        Assert.Equal(Enumerable.Range(0, 5).Select(k => (k.ToString(System.Globalization.CultureInfo.InvariantCulture), "80")), rows);
        Assert.Equal(400, h.Pool.MappedDocs);
        Assert.Equal(0, await h.Pool.OutstandingWhenSettled());
    }

    [Fact]
    public async Task Two_mappers_keep_seq_order_and_return_their_engines()
    {
        await using var h = ViewHarness.WithPool(4, new UpdateSettings { MapBatchSize = 10, WriteBatchSize = 10, MapParallelism = 2 });
        await h.PutDesign("_design/o", """{"v":{"map":"by_key"}}""");
        var revs = new Dictionary<string, string>();
        foreach (int i in Enumerable.Range(0, 300)) revs[$"d{i:D3}"] = await h.Put($$"""{"_id":"d{{i:D3}}","key":{{i}}}""");
        // A document changed late moves to the end of the changes; its latest rows must win.
        await h.Put($$"""{"_id":"d000","_rev":"{{revs["d000"]}}","key":1000}""");
        var result = await h.Map("_design/o", "v");
        Assert.Equal(300, result.TotalRows);
        Assert.Equal("d000", result.Rows[^1].Id);
        Assert.Equal(0, await h.Pool.OutstandingWhenSettled());
    }
}
