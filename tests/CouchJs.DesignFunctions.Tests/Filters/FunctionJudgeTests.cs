using System.Text;
using CouchJs.Database;
using CouchJs.Database.Changes;
using CouchJs.DesignFunctions.Tests.Support;

namespace CouchJs.DesignFunctions.Tests.Filters;

/// <summary>Design-doc filters and views as filters on a changes scan, judged a batch at a time in Jint.</summary>
public sealed class FunctionJudgeTests : IAsyncLifetime
{
    private readonly FunctionsHarness _h = FunctionsHarness.Jint();

    public async Task InitializeAsync()
    {
        await _h.Put("""
            {"_id":"_design/f",
             "filters":{"typed":"function(doc, req) { return doc.type == req.query.type; }",
                        "sees":"function(doc, req) { return !!doc._deleted || (doc._conflicts || []).length > 0 || doc._revisions.ids.length > 1; }",
                        "throws":"function(doc) { throw({error: 'bad', reason: 'filter failed'}); }"},
             "views":{"posts":{"map":"function(doc) { if (doc.type == 'post') emit(doc._id, null); }"}}}
            """);
        await _h.Put("""{"_id":"p1","type":"post"}""");
        await _h.Put("""{"_id":"c1","type":"comment"}""");
        await _h.Put("""{"_id":"p2","type":"post"}""");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void A_filter_gets_the_request_and_passes_matching_documents()
    {
        var req = Encoding.UTF8.GetBytes("""{"query":{"type":"post"}}""");
        Assert.Equal(["p1", "p2"], Ids(_h.Runner.Filter(_h.Db, Design(), "typed", req, default)));
    }

    [Fact]
    public void A_view_filters_by_what_its_map_function_emits()
    {
        Assert.Equal(["p1", "p2"], Ids(_h.Runner.ViewFilter(_h.Db, Design(), "posts", default)));
    }

    [Fact]
    public async Task Filters_see_deleted_documents_conflicts_and_revisions()
    {
        string rev = await _h.Put("""{"_id":"gone"}""");
        await _h.Put($$"""{"_id":"gone","_rev":"{{rev}}","_deleted":true}""");
        await _h.Put("""{"_id":"p1","_rev":"1-zzzz","type":"post"}""", newEdits: false);
        var ids = Ids(_h.Runner.Filter(_h.Db, Design(), "sees", "{}"u8.ToArray(), default));
        Assert.Equal(["gone", "p1"], ids.Order());
    }

    [Fact]
    public void A_filter_that_throws_fails_the_feed_with_its_error()
    {
        var e = Assert.Throws<CouchException>(() => Ids(_h.Runner.Filter(_h.Db, Design(), "throws", "{}"u8.ToArray(), default)));
        Assert.Equal((500, "bad", "filter failed"), (e.Status, e.Error, e.Reason));
    }

    [Fact]
    public async Task With_all_docs_each_leaf_is_judged_on_its_own()
    {
        await _h.Put("""{"_id":"p2","_rev":"1-0000","type":"comment"}""", newEdits: false);
        var scan = new ChangesScan(new ChangesOptions { Style = ChangesStyle.AllDocs, Filter = _h.Runner.ViewFilter(_h.Db, Design(), "posts", default) });
        using var reader = _h.Db.OpenReader();
        var row = scan.Pass(reader, 0).Single(r => r.Id == "p2");
        Assert.Single(row.Changes.ToArray());
    }

    private DesignFunctions.Designs.DesignDoc Design() => _h.Cache.Current(_h.Db).Get("_design/f");

    private List<string> Ids(ChangesFilter filter)
    {
        var scan = new ChangesScan(new ChangesOptions { Filter = filter });
        using var reader = _h.Db.OpenReader();
        return [.. scan.Pass(reader, 0).Select(r => r.Id)];
    }
}
