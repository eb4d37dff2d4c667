using CouchJs.Database;
using CouchJs.DesignFunctions.Tests.Support;

namespace CouchJs.DesignFunctions.Tests.Designs;

/// <summary>The per-database design doc cache: kept while nothing is written, refreshed by rev after writes.</summary>
public sealed class DesignDocCacheTests : IAsyncLifetime
{
    private readonly FunctionsHarness _h = FunctionsHarness.Jint();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_set_is_reused_until_the_database_changes_and_unchanged_docs_survive_a_refresh()
    {
        await _h.Put("""{"_id":"_design/a","shows":{"s":"function(){}"}}""");
        var first = _h.Cache.Current(_h.Db);
        Assert.Same(first, _h.Cache.Current(_h.Db));
        await _h.Put("""{"_id":"doc"}""");
        var second = _h.Cache.Current(_h.Db);
        Assert.NotSame(first, second);
        Assert.Same(first.Get("_design/a"), second.Get("_design/a"));
    }

    [Fact]
    public async Task A_new_revision_is_read_again()
    {
        string rev = await _h.Put("""{"_id":"_design/a","language":"javascript_v8"}""");
        Assert.Equal("javascript_v8", _h.Cache.Current(_h.Db).Get("_design/a").Language);
        await _h.Put($$"""{"_id":"_design/a","_rev":"{{rev}}"}""");
        var doc = _h.Cache.Current(_h.Db).Get("_design/a");
        Assert.Equal(("javascript", false), (doc.Language, doc.Rev == rev));
    }

    [Fact]
    public async Task Missing_and_deleted_design_docs_say_so_as_CouchDB()
    {
        string rev = await _h.Put("""{"_id":"_design/gone"}""");
        await _h.Put($$"""{"_id":"_design/gone","_rev":"{{rev}}","_deleted":true}""");
        var set = _h.Cache.Current(_h.Db);
        Assert.Equal("missing", Assert.Throws<CouchException>(() => set.Get("_design/nope")).Reason);
        Assert.Equal("deleted", Assert.Throws<CouchException>(() => set.Get("_design/gone")).Reason);
        Assert.Empty(set.Docs);
    }

    [Fact]
    public async Task Validators_are_the_design_docs_with_validate_doc_update_in_id_order()
    {
        await _h.Put("""{"_id":"_design/b","validate_doc_update":"function(){}"}""");
        await _h.Put("""{"_id":"_design/c"}""");
        await _h.Put("""{"_id":"_design/a","validate_doc_update":"function(){}"}""");
        Assert.Equal(["_design/a", "_design/b"], _h.Cache.Current(_h.Db).Validators.Select(d => d.Id));
    }

    [Fact]
    public async Task Members_are_checked_as_get_nested_json_value_does()
    {
        await _h.Put("""{"_id":"_design/a","shows":{"s":"function(){}"},"lists":"not an object"}""");
        var doc = _h.Cache.Current(_h.Db).Get("_design/a");
        doc.Require("shows", "s");
        Assert.Equal("missing json key: t", Assert.Throws<CouchException>(() => doc.Require("shows", "t")).Reason);
        Assert.Equal("missing json key: updates", Assert.Throws<CouchException>(() => doc.Require("updates", "u")).Reason);
        Assert.Equal("json_mismatch", Assert.Throws<CouchException>(() => doc.Require("lists", "l")).Reason);
    }

    [Fact]
    public async Task The_cached_json_is_the_design_doc_as_CouchDB_sends_it_to_query_servers()
    {
        string rev = await _h.Put("""{"_id":"_design/a","views":{"v":{"map":"function(d){}"}}}""");
        Assert.Equal("""{"_id":"_design/a","_rev":""" + "\"" + rev + "\"" + ""","views":{"v":{"map":"function(d){}"}}}""",
            System.Text.Encoding.UTF8.GetString(_h.Cache.Current(_h.Db).Get("_design/a").Json));
    }
}
