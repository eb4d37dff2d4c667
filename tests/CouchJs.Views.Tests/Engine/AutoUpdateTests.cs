using CouchJs.Views.Tests.Support;

namespace CouchJs.Views.Tests.Engine;

public sealed class AutoUpdateTests
{
    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (int i = 0; i < 3000; i++)
        {
            if (condition()) return true;
            await Task.Delay(10);
        }
        return condition();
    }

    [Fact]
    public async Task Writes_build_the_index_of_a_new_design_doc_without_a_query()
    {
        await using var h = ViewHarness.WithAutoUpdate(TimeSpan.FromMilliseconds(20));
        await h.PutDesign("_design/auto", """{"v":{"map":"by_key"}}""");
        await h.PutMany(Enumerable.Range(0, 40).Select(i => $$"""{"_id":"d{{i}}","key":{{i}}}"""));
        var index = h.Index("_design/auto");
        Assert.True(await Eventually(() => index.UpdateSeq == h.Db.UpdateSeq), $"index at {index.UpdateSeq}, db at {h.Db.UpdateSeq}");
        Assert.Equal(40, (await h.Map("_design/auto", "v", update: "false")).TotalRows);
    }

    [Fact]
    public async Task Autoupdate_false_leaves_the_index_to_queries()
    {
        await using var h = ViewHarness.WithAutoUpdate(TimeSpan.FromMilliseconds(20));
        await h.PutDesign("_design/manual", """{"v":{"map":"by_key"}}""", """ "autoupdate":false,""");
        await h.PutMany(Enumerable.Range(0, 10).Select(i => $$"""{"_id":"d{{i}}","key":{{i}}}"""));
        await Task.Delay(200);
        Assert.Equal(0, h.Pool.MappedDocs);
        Assert.Equal(10, (await h.Map("_design/manual", "v")).TotalRows);
    }
}
