using CouchJs.Views.Tests.Support;

namespace CouchJs.Views.Tests.Engine;

/// <summary>Index files on disk: reopened after a restart, compacted, cleaned up, removed with their database.</summary>
public sealed class IndexFileTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "couchjs-views-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private string MrviewDir => Path.Combine(_dir, ".db_design", "mrview");

    [Fact]
    public async Task The_index_lives_in_a_signature_named_file_and_survives_a_restart()
    {
        string signature;
        await using (var h = ViewHarness.OnDisk(_dir))
        {
            await h.PutDesign("_design/d", """{"v":{"map":"by_key","reduce":"_count"}}""");
            await h.PutMany(Enumerable.Range(0, 300).Select(i => $$"""{"_id":"d{{i:D3}}","key":{{i % 7}}}"""));
            Assert.Equal(300, (await h.Map("_design/d", "v")).TotalRows);
            signature = h.Design("_design/d").Signature;
        }
        Assert.True(File.Exists(Path.Combine(MrviewDir, signature + ".view")));

        await using (var h = ViewHarness.OnDisk(_dir))
        {
            var result = await h.Map("_design/d", "v");
            Assert.Equal(300, result.TotalRows);
            Assert.Equal(0, h.Pool.MappedDocs);
            Assert.Equal([("null", "300")], await h.Reduce("_design/d", "v"));
        }
    }

    [Fact]
    public async Task Compaction_keeps_the_rows_and_shrinks_the_file()
    {
        await using var h = ViewHarness.OnDisk(_dir);
        await h.PutDesign("_design/d", """{"v":{"map":"by_key","reduce":"_sum"}}""");
        var revs = new Dictionary<string, string>();
        for (int round = 0; round < 6; round++)
        {
            for (int i = 0; i < 150; i++)
            {
                string id = $"d{i:D3}";
                string rev = revs.TryGetValue(id, out var r) ? $",\"_rev\":\"{r}\"" : "";
                revs[id] = await h.Put($$"""{"_id":"{{id}}"{{rev}},"key":{{(i + round) % 11}},"value":{{round}}}""");
            }
            await h.Map("_design/d", "v");
        }
        var index = h.Index("_design/d");
        var before = index.Info();
        var rows = await h.Map("_design/d", "v");
        await h.Put("""{"_id":"late","key":3,"value":1000}""");

        index.StartCompaction();
        await index.CompactionTask;

        var after = index.Info();
        Assert.True(after.FileSize < before.FileSize, $"{after.FileSize} >= {before.FileSize}");
        Assert.False(File.Exists(Path.Combine(MrviewDir, h.Design("_design/d").Signature + ".compact.view")));
        var compacted = await h.Map("_design/d", "v");
        Assert.Equal(rows.TotalRows + 1, compacted.TotalRows);
        Assert.Equal([("null", "1750")], await h.Reduce("_design/d", "v"));
    }

    [Fact]
    public async Task Info_reports_sizes_seqs_and_pending_changes()
    {
        await using var h = ViewHarness.OnDisk(_dir);
        await h.PutDesign("_design/d", """{"v":{"map":"by_key"}}""");
        await h.PutMany(Enumerable.Range(0, 50).Select(i => $$"""{"_id":"d{{i}}","key":{{i}}}"""));
        var index = h.Index("_design/d");
        var fresh = index.Info();
        Assert.Equal(0, fresh.UpdateSeq);
        Assert.Equal(h.Db.UpdateSeq, fresh.PendingUpdates);
        await h.Map("_design/d", "v");
        // The query is answered as soon as the rows are there; the updater finishes a moment later.
        for (int i = 0; i < 3000 && index.UpdaterRunning; i++) await Task.Delay(10);
        var built = index.Info();
        Assert.Equal(h.Db.UpdateSeq, built.UpdateSeq);
        Assert.Equal(0, built.PendingUpdates);
        Assert.Equal("javascript", built.Language);
        Assert.Equal(new FileInfo(Path.Combine(MrviewDir, built.Signature + ".view")).Length, built.FileSize);
        Assert.True(built.ActiveSize > 0 && built.ActiveSize < built.FileSize);
        Assert.True(built.ExternalSize >= 50 * ("0".Length + "null".Length));
        Assert.False(built.UpdaterRunning);
        Assert.False(built.CompactRunning);
    }

    [Fact]
    public async Task Cleanup_deletes_files_no_design_doc_uses()
    {
        await using var h = ViewHarness.OnDisk(_dir);
        string rev = await h.PutDesign("_design/d", """{"v":{"map":"by_key"}}""");
        await h.Put("""{"_id":"a","key":1}""");
        await h.Map("_design/d", "v");
        string oldSignature = h.Design("_design/d").Signature;
        await h.Put("""{"_id":"_design/d","_rev":"REV","views":{"v":{"map":"by_id"}}}""".Replace("REV", rev));
        await h.Map("_design/d", "v");
        string newSignature = h.Design("_design/d").Signature;

        await h.Engine.Cleanup(h.Db);

        Assert.False(File.Exists(Path.Combine(MrviewDir, oldSignature + ".view")));
        Assert.True(File.Exists(Path.Combine(MrviewDir, newSignature + ".view")));
        Assert.Equal(["a"], (await h.Map("_design/d", "v")).Ids);
    }

    [Fact]
    public async Task Deleting_the_database_deletes_its_indexes()
    {
        await using var h = ViewHarness.OnDisk(_dir);
        await h.PutDesign("_design/d", """{"v":{"map":"by_key"}}""");
        await h.Put("""{"_id":"a","key":1}""");
        await h.Map("_design/d", "v");
        Assert.True(Directory.Exists(MrviewDir));
        await h.Databases.Delete("db");
        Assert.False(Directory.Exists(Path.Combine(_dir, ".db_design")));
    }
}
