using System.Text;
using System.Text.Json;
using CouchJs.Database.Changes;
using CouchJs.Database.Documents;
using CouchJs.Database.Mango;
using CouchJs.Database.Tests.Support;

namespace CouchJs.Database.Tests.Changes;

// One shard's changes bookkeeping as fabric_view_changes reports it: limit, last_seq, pending, filters.
public sealed class ChangesScanTests : MemoryDatabaseTest
{
private sealed record Result(List<ChangeRow> Rows, long LastSeq, long Pending)
    {
        public string Ids => string.Join(",", Rows.Select(r => r.Id));

        public string Seqs => string.Join(",", Rows.Select(r => r.ShowSeq ? r.Seq.ToString() : "null"));
    }

    private Result Scan(ChangesOptions options, long since = 0)
    {
        using var reader = Db.OpenReader();
        var scan = new ChangesScan(options);
        var rows = scan.Pass(reader, options.Descending ? reader.UpdateSeq : since).ToList();
        return new Result(rows, scan.LastSeq, scan.Pending);
    }

    private async Task<string> Put(string json, bool newEdits = true)
    {
        var results = await Db.UpdateDocs([DocParser.Parse(Encoding.UTF8.GetBytes(json))], newEdits);
        Assert.True(results[0].Ok, results[0].Error?.Message);
        return results[0].Rev!.Value.ToString();
    }

    private async Task PutMany(params string[] ids)
    {
        foreach (string id in ids) await Put($$"""{"_id":"{{id}}","n":"{{id}}"}""");
    }

    private static ChangesFilter Selecting(string selector)
    {
        using var doc = JsonDocument.Parse(selector);
        return ChangesFilter.Matching(Selector.Parse(doc.RootElement.Clone()), null);
    }

    [Fact]
    public async Task Every_change_in_seq_order_with_last_seq_and_nothing_pending()
    {
        await PutMany("a", "b", "c");
        var all = Scan(new ChangesOptions());
        Assert.Equal("a,b,c", all.Ids);
        Assert.Equal("1,2,3", all.Seqs);
        Assert.Equal((3L, 0L), (all.LastSeq, all.Pending));
        var after = Scan(new ChangesOptions(), since: 2);
        Assert.Equal("c", after.Ids);
        Assert.Equal((3L, 0L), (after.LastSeq, after.Pending));
        var none = Scan(new ChangesOptions(), since: 3);
        Assert.Empty(none.Rows);
        Assert.Equal((3L, 0L), (none.LastSeq, none.Pending));
    }

    [Fact]
    public async Task An_updated_document_moves_to_its_new_seq()
    {
        await PutMany("a", "b");
        string rev = Scan(new ChangesOptions()).Rows[0].Changes.Span[0].Rev.ToString();
        await Put($$"""{"_id":"a","_rev":"{{rev}}","n":2}""");
        var result = Scan(new ChangesOptions());
        Assert.Equal("b,a", result.Ids);
        Assert.Equal("2,3", result.Seqs);
        Assert.StartsWith("2-", result.Rows[1].Changes.Span[0].Rev.ToString());
    }

    [Fact]
    public async Task Limit_stops_with_last_seq_at_the_last_row_and_the_rest_pending()
    {
        await PutMany("a", "b", "c", "d");
        var two = Scan(new ChangesOptions { Limit = 2 });
        Assert.Equal("a,b", two.Ids);
        Assert.Equal((2L, 2L), (two.LastSeq, two.Pending));
        var exact = Scan(new ChangesOptions { Limit = 4 });
        Assert.Equal((4L, 0L), (exact.LastSeq, exact.Pending));
        var zero = Scan(new ChangesOptions { Limit = 0 }, since: 1);
        Assert.Empty(zero.Rows);
        Assert.Equal((1L, 3L), (zero.LastSeq, zero.Pending));
    }

    [Fact]
    public async Task Descending_starts_at_the_top_and_counts_pending_below()
    {
        await PutMany("a", "b", "c");
        var all = Scan(new ChangesOptions { Descending = true });
        Assert.Equal("c,b,a", all.Ids);
        Assert.Equal((1L, 0L), (all.LastSeq, all.Pending));
        var limited = Scan(new ChangesOptions { Descending = true, Limit = 2 });
        Assert.Equal("c,b", limited.Ids);
        Assert.Equal((2L, 1L), (limited.LastSeq, limited.Pending));
    }

    [Fact]
    public async Task All_docs_style_lists_every_leaf_winner_first()
    {
        await Put("""{"_id":"x","_rev":"1-a","v":1}""", newEdits: false);
        await Put("""{"_id":"x","_revisions":{"start":2,"ids":["b","a"]},"v":2}""", newEdits: false);
        await Put("""{"_id":"x","_revisions":{"start":2,"ids":["c","a"]},"v":3}""", newEdits: false);
        await Put("""{"_id":"x","_revisions":{"start":3,"ids":["d","b"]},"_deleted":true}""", newEdits: false);
        var main = Scan(new ChangesOptions());
        Assert.Equal(["2-c"], main.Rows[0].Changes.ToArray().Select(l => l.Rev.ToString()));
        Assert.False(main.Rows[0].Deleted);
        var all = Scan(new ChangesOptions { Style = ChangesStyle.AllDocs });
        Assert.Equal(["2-c", "3-d"], all.Rows[0].Changes.ToArray().Select(l => l.Rev.ToString()));
    }

    [Fact]
    public async Task A_deleted_document_is_a_deleted_change()
    {
        string rev = await Put("""{"_id":"gone"}""");
        await Put($$"""{"_id":"gone","_rev":"{{rev}}","_deleted":true}""");
        var row = Assert.Single(Scan(new ChangesOptions()).Rows);
        Assert.True(row.Deleted);
        Assert.Equal(2, row.Seq);
    }

    [Fact]
    public async Task Doc_ids_are_looked_up_reporting_pending_and_last_seq_as_couchdb_does()
    {
        await PutMany("a", "b", "c", "d");
        var result = Scan(new ChangesOptions { Filter = ChangesFilter.DocIds(["c", "a", "missing", "c"], 1000) });
        Assert.Equal("a,c,c", result.Ids);
        // The lookup path counts down only the changes it looked at, and ends at the database's seq.
        Assert.Equal((4L, 1L), (result.LastSeq, result.Pending));
        var limited = Scan(new ChangesOptions { Filter = ChangesFilter.DocIds(["c", "a"], 1000), Limit = 1 });
        Assert.Equal("a", limited.Ids);
        Assert.Equal((1L, 3L), (limited.LastSeq, limited.Pending));
    }

    [Fact]
    public async Task Long_doc_id_lists_filter_the_fold()
    {
        await PutMany("a", "b", "c", "d");
        var result = Scan(new ChangesOptions { Filter = ChangesFilter.DocIds(["c", "a", "c"], lookupLimit: 2) });
        Assert.Equal("a,c", result.Ids);
        Assert.Equal((4L, 0L), (result.LastSeq, result.Pending));
    }

    [Fact]
    public async Task Design_filter_reports_design_documents_and_their_deletions()
    {
        await PutMany("a");
        string rev = await Put("""{"_id":"_design/one"}""");
        await PutMany("b");
        await Put("""{"_id":"_design/two"}""");
        await Put($$"""{"_id":"_design/one","_rev":"{{rev}}","_deleted":true}""");
        var result = Scan(new ChangesOptions { Filter = ChangesFilter.DesignDocs });
        Assert.Equal("_design/two,_design/one", result.Ids);
        Assert.True(result.Rows[1].Deleted);
        Assert.Equal(5L, result.LastSeq);
    }

    [Fact]
    public async Task Selector_filter_matches_the_winner_or_each_leaf()
    {
        await Put("""{"_id":"m","type":"x"}""");
        await Put("""{"_id":"n","type":"y"}""");
        await Put("""{"_id":"c","_rev":"1-a","type":"x"}""", newEdits: false);
        await Put("""{"_id":"c","_rev":"1-b","type":"y"}""", newEdits: false);
        var main = Scan(new ChangesOptions { Filter = Selecting("""{"type":"y"}""") });
        Assert.Equal("n,c", main.Ids);
        Assert.Equal((4L, 0L), (main.LastSeq, main.Pending));
        var leaves = Scan(new ChangesOptions { Filter = Selecting("""{"type":"x"}"""), Style = ChangesStyle.AllDocs });
        Assert.Equal("m,c", leaves.Ids);
        Assert.Equal(["1-a"], leaves.Rows[1].Changes.ToArray().Select(l => l.Rev.ToString()));
        var conflicted = Scan(new ChangesOptions { Filter = Selecting("""{"_conflicts":{"$exists":true}}""") });
        Assert.Equal("c", conflicted.Ids);
    }

    [Fact]
    public async Task After_the_limit_a_change_that_would_not_pass_is_skipped_over()
    {
        await Put("""{"_id":"a","k":1}""");
        await Put("""{"_id":"b","k":2}""");
        await Put("""{"_id":"c","k":1}""");
        var skipped = Scan(new ChangesOptions { Filter = Selecting("""{"k":1}"""), Limit = 1 });
        Assert.Equal("a", skipped.Ids);
        Assert.Equal((2L, 1L), (skipped.LastSeq, skipped.Pending));
        var kept = Scan(new ChangesOptions { Filter = Selecting("""{"k":{"$gt":0}}"""), Limit = 1 }, since: 1);
        Assert.Equal("b", kept.Ids);
        Assert.Equal((2L, 1L), (kept.LastSeq, kept.Pending));
    }

    [Fact]
    public async Task Seq_interval_shows_seqs_where_the_remaining_limit_divides()
    {
        await PutMany("a", "b", "c", "d", "e", "f", "g");
        Assert.Equal("1,null,null,null,null,6,null", Scan(new ChangesOptions { SeqInterval = 5, Limit = 10 }).Seqs);
        // The default limit, 10^15, leaves 1 when divided by 3: the second row is the first with a seq.
        Assert.Equal("null,2,null,null,5,null,null", Scan(new ChangesOptions { SeqInterval = 3 }).Seqs);
    }

    [Fact]
    public async Task Include_docs_renders_the_winner_with_the_requested_options()
    {
        await Put("""{"_id":"c","_rev":"1-a","v":1}""", newEdits: false);
        await Put("""{"_id":"c","_rev":"1-b","v":2}""", newEdits: false);
        string rev = await Put("""{"_id":"d","v":3}""");
        await Put($$"""{"_id":"d","_rev":"{{rev}}","_deleted":true}""");
        var result = Scan(new ChangesOptions { IncludeDocs = true, DocOptions = new DocRenderOptions { Conflicts = true } });
        Assert.Equal("""{"_id":"c","_rev":"1-b","v":2,"_conflicts":["1-a"]}""", Encoding.UTF8.GetString(result.Rows[0].Doc!));
        Assert.StartsWith("""{"_id":"d","_rev":"2-""", Encoding.UTF8.GetString(result.Rows[1].Doc!));
        Assert.EndsWith("\",\"_deleted\":true}", Encoding.UTF8.GetString(result.Rows[1].Doc!));
    }

    [Fact]
    public async Task Include_docs_reads_documents_in_batches_in_row_order()
    {
        var docs = Enumerable.Range(0, 600).Select(i => DocParser.Parse(Encoding.UTF8.GetBytes($$"""{"_id":"d{{599 - i:D3}}","i":{{i}}}"""))).ToList();
        await Db.UpdateDocs(docs);
        var result = Scan(new ChangesOptions { IncludeDocs = true, Limit = 550 });
        Assert.Equal(550, result.Rows.Count);
        Assert.All(result.Rows, row => Assert.Contains($"\"_id\":\"{row.Id}\"", Encoding.UTF8.GetString(row.Doc!)));
        Assert.Equal((550L, 50L), (result.LastSeq, result.Pending));
    }

    [Fact]
    public async Task The_limit_carries_over_from_pass_to_pass()
    {
        await PutMany("a", "b");
        var scan = new ChangesScan(new ChangesOptions { Limit = 3 });
        using (var reader = Db.OpenReader()) Assert.Equal(2, scan.Pass(reader, 0).Count());
        await PutMany("c", "d");
        using (var reader = Db.OpenReader()) Assert.Equal(["c"], scan.Pass(reader, scan.LastSeq).Select(r => r.Id));
        Assert.Equal((0L, 3L, 1L), (scan.Remaining, scan.LastSeq, scan.Pending));
    }
}
