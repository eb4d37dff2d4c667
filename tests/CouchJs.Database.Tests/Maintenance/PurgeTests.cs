using CouchJs.Database.Revisions;
using CouchJs.Database.Writing;
using static CouchJs.Database.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Database.Tests.Maintenance;

public sealed class PurgeTests : IAsyncLifetime
{
    private const string RevA = "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string RevB = "1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string RevC = "1-cccccccccccccccccccccccccccccccc";

    private readonly DatabaseServer _server = new(null, DatabaseOptions.Default);
    private CouchDatabase _db = null!;

    public Task InitializeAsync()
    {
        _db = _server.Create("db");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Rev R(string text) => Rev.TryParse(text, out var rev) ? rev : throw new ArgumentException(text);

    private Task<Rev[][]> Purge(string id, params Rev[] revs) => _db.Purge([new PurgeRequest(id, revs)]);

    [Fact]
    public async Task Purging_the_only_leaf_removes_the_document_from_by_id_and_by_seq()
    {
        var a = await Put(_db, """{"_id":"a"}""");
        await Put(_db, """{"_id":"b"}""");
        var purged = await Purge("a", a);
        Assert.Equal([[a]], purged);
        using var reader = _db.OpenReader();
        Assert.Null(reader.Get("a"));
        Assert.Equal(["b"], reader.Changes(0, descending: false).Select(c => c.Value.Id));
        Assert.Equal((1L, 0L), (reader.Counts.DocCount, reader.Counts.DelCount));
        // Nothing got a new seq, so the update seq moves one step for indexers (couch_bt_engine:purge_docs).
        Assert.Equal(3, reader.UpdateSeq);
        Assert.Equal(1, reader.Header.PurgeSeq);
        var info = Assert.Single(reader.Trees.PurgeSeq.Enumerate()).Value;
        Assert.Equal((1L, "a"), (info.PurgeSeq, info.DocId));
        Assert.Equal([a.ToString()], info.Revs);
        Assert.Matches("^[0-9a-f]{32}$", info.Uuid);
    }

    [Fact]
    public async Task Purging_a_deleted_document_removes_its_tombstone()
    {
        var a = await Put(_db, """{"_id":"a"}""");
        var deleted = await Put(_db, $$"""{"_id":"a","_rev":"{{a}}","_deleted":true}""");
        Assert.Equal([[deleted]], await Purge("a", deleted));
        using var reader = _db.OpenReader();
        Assert.Null(reader.Get("a"));
        Assert.Equal((0L, 0L), (reader.Counts.DocCount, reader.Counts.DelCount));
    }

    [Fact]
    public async Task Purging_one_conflict_keeps_the_other_and_moves_the_document_to_a_new_seq()
    {
        await Replicate(_db, $$"""{"_id":"d","_rev":"{{RevA}}","side":"a"}""");
        await Replicate(_db, $$"""{"_id":"d","_rev":"{{RevB}}","side":"b"}""");
        await Put(_db, """{"_id":"e"}""");
        Assert.Equal([[R(RevB)]], await Purge("d", R(RevB)));
        using var reader = _db.OpenReader();
        var info = reader.Get("d")!;
        Assert.Equal([R(RevA)], info.Tree.Leaves().Select(l => l.Rev));
        Assert.Equal(4, info.UpdateSeq);
        Assert.Equal(4, reader.UpdateSeq);
        Assert.Equal([(3L, "e"), (4L, "d")], reader.Changes(0, descending: false).Select(c => (c.Key, c.Value.Id)));
        Assert.Equal(2, reader.Counts.DocCount);
    }

    [Fact]
    public async Task A_partial_purge_spends_one_seq_per_remaining_leaf()
    {
        foreach (string rev in new[] { RevA, RevB, RevC }) await Replicate(_db, $$"""{"_id":"d","_rev":"{{rev}}"}""");
        await Purge("d", R(RevC));
        using var reader = _db.OpenReader();
        Assert.Equal(5, reader.UpdateSeq);
        Assert.Equal(5, reader.Get("d")!.UpdateSeq);
        Assert.Equal([5L], reader.Changes(0, descending: false).Select(c => c.Key));
    }

    [Fact]
    public async Task Inner_revisions_and_unknown_documents_purge_nothing_but_are_recorded()
    {
        var c1 = await Put(_db, """{"_id":"c","v":1}""");
        var c2 = await Put(_db, $$"""{"_id":"c","_rev":"{{c1}}","v":2}""");
        var purged = await _db.Purge([new PurgeRequest("c", [c1]), new PurgeRequest("zz", [R(RevA)])]);
        Assert.Equal([[], []], purged);
        using var reader = _db.OpenReader();
        Assert.Equal(c2, reader.Get("c")!.Winner.Rev);
        Assert.Equal(3, reader.UpdateSeq);
        Assert.Equal(2, reader.Header.PurgeSeq);
        Assert.Equal(["c", "zz"], reader.Trees.PurgeSeq.Enumerate().Select(p => p.Value.DocId));
    }

    [Fact]
    public async Task Purged_revisions_come_back_sorted_and_once()
    {
        foreach (string rev in new[] { RevC, RevA, RevB }) await Replicate(_db, $$"""{"_id":"d","_rev":"{{rev}}"}""");
        var purged = await Purge("d", R(RevC), R(RevA), R(RevC), R(RevB));
        Assert.Equal([[R(RevA), R(RevB), R(RevC)]], purged);
        using var reader = _db.OpenReader();
        Assert.Null(reader.Get("d"));
    }

    [Fact]
    public async Task A_purged_id_can_be_created_again_from_scratch()
    {
        var a = await Put(_db, """{"_id":"a","v":1}""");
        await Purge("a", a);
        var again = await Put(_db, """{"_id":"a","v":1}""");
        Assert.Equal(a, again);
        using var reader = _db.OpenReader();
        Assert.Equal(1, reader.Get("a")!.Tree.NodeCount);
        Assert.Equal(["a"], reader.Changes(0, descending: false).Select(c => c.Value.Id));
    }

    [Fact]
    public async Task An_empty_purge_changes_nothing()
    {
        await Put(_db, """{"_id":"a"}""");
        Assert.Empty(await _db.Purge([]));
        using var reader = _db.OpenReader();
        Assert.Equal((1L, 0L), (reader.UpdateSeq, reader.Header.PurgeSeq));
    }

    [Fact]
    public async Task Purges_queued_together_number_their_infos_in_order()
    {
        var a = await Put(_db, """{"_id":"a"}""");
        var b = await Put(_db, """{"_id":"b"}""");
        await Task.WhenAll(Purge("a", a), Purge("b", b), Purge("zz"));
        using var reader = _db.OpenReader();
        Assert.Equal([1L, 2L, 3L], reader.Trees.PurgeSeq.Enumerate().Select(p => p.Key));
        Assert.Equal(3, reader.Header.PurgeSeq);
        Assert.Empty(reader.Changes(0, descending: false));
    }
}
