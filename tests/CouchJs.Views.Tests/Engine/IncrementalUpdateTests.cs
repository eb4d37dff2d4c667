using CouchJs.Database.Revisions;
using CouchJs.Database.Writing;
using CouchJs.QueryServers;
using CouchJs.Views.Tests.Support;

namespace CouchJs.Views.Tests.Engine;

public sealed class IncrementalUpdateTests : IAsyncLifetime
{
    private readonly ViewHarness _h = ViewHarness.InMemory();

    public async Task InitializeAsync() =>
        await _h.PutDesign("_design/d", """{"by_key":{"map":"by_key"},"conflicts":{"map":"conflicts"}}""");

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Only_new_changes_are_mapped()
    {
        await _h.PutMany(["""{"_id":"a","key":1}""", """{"_id":"b","key":2}"""]);
        Assert.Equal(["a", "b"], (await _h.Map("_design/d", "by_key")).Ids);
        Assert.Equal(2, _h.Pool.MappedDocs);
        await _h.Put("""{"_id":"c","key":0}""");
        Assert.Equal(["c", "a", "b"], (await _h.Map("_design/d", "by_key")).Ids);
        Assert.Equal(3, _h.Pool.MappedDocs);
        Assert.Equal(_h.Db.UpdateSeq, _h.Index("_design/d").UpdateSeq);
    }

    [Fact]
    public async Task A_changed_document_drops_its_old_rows()
    {
        string rev = await _h.Put("""{"_id":"a","key":"old"}""");
        await _h.Map("_design/d", "by_key");
        await _h.Put($$"""{"_id":"a","_rev":"{{rev}}","key":"new"}""");
        var result = await _h.Map("_design/d", "by_key");
        Assert.Equal([new MapRow("a", "\"new\"", "null")], result.Rows);
        Assert.Equal(1, result.TotalRows);
    }

    [Fact]
    public async Task A_deleted_document_drops_its_rows()
    {
        string rev = await _h.Put("""{"_id":"a","key":1}""");
        await _h.Put("""{"_id":"b","key":2}""");
        await _h.Map("_design/d", "by_key");
        await _h.Delete("a", rev);
        var result = await _h.Map("_design/d", "by_key");
        Assert.Equal(["b"], result.Ids);
        Assert.Equal(1, result.TotalRows);
    }

    [Fact]
    public async Task Only_the_winning_revision_is_mapped_and_it_follows_the_winner()
    {
        const string low = "1-11111111111111111111111111111111", high = "1-99999999999999999999999999999999";
        await _h.Put($$"""{"_id":"x","_rev":"{{low}}","key":"low"}""", newEdits: false);
        await _h.Put($$"""{"_id":"x","_rev":"{{high}}","key":"high"}""", newEdits: false);
        Assert.Equal([new MapRow("x", "\"high\"", "null")], (await _h.Map("_design/d", "by_key")).Rows);
        Assert.Equal([new MapRow("x", "\"x\"", $"[\"{low}\"]")], (await _h.Map("_design/d", "conflicts")).Rows);

        await _h.Delete("x", high);
        Assert.Equal([new MapRow("x", "\"low\"", "null")], (await _h.Map("_design/d", "by_key")).Rows);
        Assert.Empty((await _h.Map("_design/d", "conflicts")).Rows);
    }

    [Fact]
    public async Task Purged_documents_lose_their_rows()
    {
        string rev = await _h.Put("""{"_id":"a","key":1}""");
        await _h.Put("""{"_id":"b","key":2}""");
        await _h.Map("_design/d", "by_key");
        Assert.True(Rev.TryParse(rev, out var parsed));
        await _h.Db.Purge([new PurgeRequest("a", [parsed])]);
        var result = await _h.Map("_design/d", "by_key");
        Assert.Equal(["b"], result.Ids);
        Assert.Equal(_h.Db.File.Header.PurgeSeq, _h.Index("_design/d").Info().PurgeSeq);
    }

    [Fact]
    public async Task Update_false_reads_what_is_there_and_lazy_updates_afterwards()
    {
        await _h.Put("""{"_id":"a","key":1}""");
        await _h.Map("_design/d", "by_key");
        await _h.Put("""{"_id":"b","key":2}""");
        Assert.Equal(["a"], (await _h.Map("_design/d", "by_key", update: "false")).Ids);
        Assert.Equal(["a"], (await _h.Map("_design/d", "by_key", update: "lazy")).Ids);
        var index = _h.Index("_design/d");
        for (int i = 0; i < 3000 && index.UpdateSeq < _h.Db.UpdateSeq; i++) await Task.Delay(10);
        Assert.Equal(["a", "b"], (await _h.Map("_design/d", "by_key", update: "false")).Ids);
    }

    [Fact]
    public async Task A_design_doc_change_that_keeps_the_views_keeps_the_index()
    {
        await _h.Put("""{"_id":"a","key":1}""");
        await _h.Map("_design/d", "by_key");
        string rev = _h.Design("_design/d").Rev;
        string signature = _h.Design("_design/d").Signature;
        await _h.Put("""{"_id":"_design/d","_rev":"REV","views":{"by_key":{"map":"by_key"},"conflicts":{"map":"conflicts"}},"shows":{"s":"x"}}""".Replace("REV", rev));
        await _h.Put("""{"_id":"_design/copy","views":{"by_key":{"map":"by_key"},"conflicts":{"map":"conflicts"}}}""");
        Assert.Equal(signature, _h.Design("_design/d").Signature);
        Assert.Equal(signature, _h.Design("_design/copy").Signature);
        Assert.Equal(["a"], (await _h.Map("_design/copy", "by_key")).Ids);
        Assert.Equal(1, _h.Pool.MappedDocs);
        Assert.Same(_h.Index("_design/d"), _h.Index("_design/copy"));

        await _h.Put("""{"_id":"_design/other","views":{"by_key":{"map":"by_id"}}}""");
        Assert.NotEqual(signature, _h.Design("_design/other").Signature);
    }

    [Fact]
    public async Task A_map_function_that_throws_skips_that_document()
    {
        await _h.PutDesign("_design/t", """{"v":{"map":"throws_on_bad"}}""");
        await _h.PutMany(["""{"_id":"a"}""", """{"_id":"b","bad":true}""", """{"_id":"c"}"""]);
        Assert.Equal(["a", "c"], (await _h.Map("_design/t", "v")).Ids);
    }

    [Fact]
    public async Task A_map_that_does_not_compile_fails_the_waiting_query()
    {
        await _h.PutDesign("_design/broken", """{"v":{"map":"function(doc) { emit(doc._id"}}""");
        await _h.Put("""{"_id":"a"}""");
        var error = await Assert.ThrowsAsync<QueryServerException>(() => _h.Map("_design/broken", "v"));
        Assert.Equal("compilation_error", error.Error);
        Assert.Equal(0, await _h.Pool.OutstandingWhenSettled());
    }

    [Fact]
    public async Task Options_include_design_and_local_seq()
    {
        await _h.PutDesign("_design/o", """{"ids":{"map":"by_id"},"seqs":{"map":"local_seq"}}""", """ "options":{"include_design":true,"local_seq":true},""");
        await _h.Put("""{"_id":"a"}""");
        var ids = await _h.Map("_design/o", "ids");
        Assert.Contains("_design/o", ids.Ids);
        Assert.Contains("_design/d", ids.Ids);
        var seqs = await _h.Map("_design/o", "seqs", new Querying.ViewQuery { Keys = [ViewHarness.Key("\"a\"")] });
        Assert.Equal(_h.Db.UpdateSeq.ToString(System.Globalization.CultureInfo.InvariantCulture), seqs.Rows.Single().Value);
    }
}
