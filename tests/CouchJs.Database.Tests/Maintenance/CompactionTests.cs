using System.Text;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Database.Tasks;
using CouchJs.Database.Writing;
using CouchJs.Storage.Database.Compaction;
using static CouchJs.Database.Tests.Maintenance.MaintenanceKit;
using CouchJs.Database.Tests.Support;

namespace CouchJs.Database.Tests.Maintenance;

public sealed class CompactionTests : MemoryDatabaseTest
{
/// <summary>A bit of everything compaction must carry over.</summary>
    private static async Task Populate(CouchDatabase db)
    {
        await Edit(db, "edited", 5);
        await Replicate(db, """{"_id":"conflicted","_rev":"2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","_revisions":{"start":2,"ids":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","11111111111111111111111111111111"]},"side":"a"}""");
        await Replicate(db, """{"_id":"conflicted","_rev":"2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","_revisions":{"start":2,"ids":["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","11111111111111111111111111111111"]},"side":"b","_deleted":true}""");
        var gone = await Put(db, """{"_id":"deleted","v":1}""");
        await Put(db, $$"""{"_id":"deleted","_rev":"{{gone}}","_deleted":true}""");
        string text = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("compressible text ", 500))));
        string binary = Convert.ToBase64String(Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray());
        var withAtts = await Put(db, $$$$"""{"_id":"atts","_attachments":{"a.txt":{"content_type":"text/plain","data":"{{{{text}}}}"},"b.bin":{"content_type":"application/octet-stream","data":"{{{{binary}}}}"}}}""");
        await Put(db, $$$$"""{"_id":"atts","_rev":"{{{{withAtts}}}}","v":2,"_attachments":{"a.txt":{"stub":true},"b.bin":{"stub":true}}}""");
        await db.UpdateLocal("_local/checkpoint", null, delete: false, """{"last_seq":"7"}"""u8.ToArray());
        await db.SetSecurity("""{"admins":{"names":["boss"],"roles":[]},"members":{"names":[],"roles":["staff"]}}"""u8.ToArray());
        var purged = await Put(db, """{"_id":"purged"}""");
        await db.Purge([new PurgeRequest("purged", [purged])]);
        await Fill(db, "bulk", 50);
    }

    [Fact]
    public async Task Every_read_is_the_same_after_compaction_and_the_file_shrinks()
    {
        await Populate(Db);
        string before = DbDump.Of(Db);
        long size = Db.File.File.Eof;
        await Db.Compact();
        Assert.Equal(before, DbDump.Of(Db));
        Assert.True(Db.File.File.Eof < size, $"{Db.File.File.Eof} >= {size}");
        Assert.Equal(Db.UpdateSeq, Db.File.Header.CompactedSeq);
        Assert.False(Db.CompactRunning);
    }

    [Fact]
    public async Task Only_leaf_bodies_are_kept_so_older_revisions_read_as_missing()
    {
        await Edit(Db, "edited", 3);
        await Db.Compact();
        using var reader = Db.OpenReader();
        var info = reader.Get("edited")!;
        var values = new List<(long Pos, bool Leaf, bool HasBody)>();
        info.Tree.ForEachNode((rev, node, leaf) => values.Add((rev.Pos, leaf, node.Value is not null)));
        Assert.Equal([(1, false, false), (2, false, false), (3, true, true)], values);
        string json = Encoding.UTF8.GetString(DocJsonWriter.Render(reader, info, info.Winner, DocRenderOptions.Plain with { RevsInfo = true }));
        Assert.Contains("\"status\":\"available\"", json);
        Assert.Equal(2, json.Split("\"status\":\"missing\"").Length - 1);
    }

    [Fact]
    public async Task Writes_made_while_compacting_are_kept()
    {
        await Fill(Db, "doc", 2500);
        var edited = await Put(Db, """{"_id":"edit-me","v":1}""");
        var removed = await Put(Db, """{"_id":"delete-me"}""");
        var purged = await Put(Db, """{"_id":"purge-me"}""");
        string? during = null;
        CompactionProgress? seen = null;
        await Db.Compact(progress: new ProgressHook(p =>
        {
            if (during is not null || p.Phase != "copy") return;
            seen = p;
            Put(Db, $$"""{"_id":"edit-me","_rev":"{{edited}}","v":2}""").GetAwaiter().GetResult();
            Put(Db, $$"""{"_id":"delete-me","_rev":"{{removed}}","_deleted":true}""").GetAwaiter().GetResult();
            Put(Db, """{"_id":"new","_attachments":{"n.txt":{"content_type":"text/plain","data":"bmV3"}}}""").GetAwaiter().GetResult();
            Fill(Db, "late", 1500).GetAwaiter().GetResult();
            Db.Purge([new PurgeRequest("purge-me", [purged])]).GetAwaiter().GetResult();
            Db.UpdateLocal("_local/during", null, delete: false, "{}"u8.ToArray()).GetAwaiter().GetResult();
            Db.SetSecurity("""{"members":{"names":["late"]}}"""u8.ToArray()).GetAwaiter().GetResult();
            Db.SetRevsLimit(77).GetAwaiter().GetResult();
            during = DbDump.Of(Db);
        }));
        Assert.NotNull(seen);
        Assert.True(seen.Value.ChangesDone < seen.Value.TotalChanges, "the writes came in the middle of the copy");
        Assert.Equal(during, DbDump.Of(Db));
        Assert.Contains("late01499", during);
        Assert.Equal(Db.UpdateSeq, Db.File.Header.CompactedSeq);
    }

    [Fact]
    public async Task A_running_compaction_is_an_active_task_and_a_second_request_joins_it()
    {
        await Fill(Db, "doc", 1500);
        var tasks = new ActiveTasks();
        (string Type, string Database, string Phase, long Done, long Total)? listed = null;
        bool running = false;
        Task? second = null;
        var first = Db.Compact(tasks, new ProgressHook(p =>
        {
            if (second is not null || p.Phase != "copy") return;
            var task = Assert.Single(tasks.All());
            listed = (task.Type, task.Database, task.Phase, task.ChangesDone, task.TotalChanges);
            running = Db.CompactRunning;
            second = Db.Compact(tasks);
        }));
        await first;
        Assert.Same(first, second);
        Assert.True(running);
        Assert.Equal(("database_compaction", "db", "document_copy", 1000L, 3000L), listed);
        Assert.Empty(tasks.All());
        Assert.False(Db.CompactRunning);
    }

    [Fact]
    public async Task A_second_compaction_after_the_first_finished_runs_again()
    {
        await Edit(Db, "a", 3);
        await Db.Compact();
        await Edit(Db, "b", 3);
        string before = DbDump.Of(Db);
        await Db.Compact();
        Assert.Equal(before, DbDump.Of(Db));
        Assert.Equal(6, Db.File.Header.CompactedSeq);
        using var reader = Db.OpenReader();
        Assert.Null(reader.Get("b")!.Tree.Roots[0].Root.Value);
    }

    [Fact]
    public async Task Compaction_stems_revision_trees_to_the_revs_limit()
    {
        await Edit(Db, "long", 6);
        await Db.SetRevsLimit(2);
        await Db.Compact();
        using var reader = Db.OpenReader();
        var info = reader.Get("long")!;
        Assert.Equal(2, info.Tree.NodeCount);
        Assert.Equal(6, info.Winner.Rev.Pos);
    }

    [Fact]
    public async Task Compaction_keeps_only_the_newest_purged_infos_limit_infos()
    {
        await Db.SetPurgeInfosLimit(2);
        foreach (string id in new[] { "a", "b", "c" })
        {
            var rev = await Put(Db, $$"""{"_id":"{{id}}"}""");
            await Db.Purge([new PurgeRequest(id, [rev])]);
        }
        await Db.Compact();
        using var reader = Db.OpenReader();
        Assert.Equal([(2L, "b"), (3L, "c")], reader.Trees.PurgeSeq.Enumerate().Select(p => (p.Key, p.Value.DocId)));
        Assert.Equal(3, reader.Header.PurgeSeq);
    }

    [Fact]
    public async Task A_cancelled_compaction_resumes_from_its_checkpoint_and_completes()
    {
        string dir = Path.Combine(Path.GetTempPath(), "couchjs-compact-" + Guid.NewGuid().ToString("N"));
        try
        {
            string expected;
            await using (var server = new DatabaseServer(dir, DatabaseOptions.Default))
            {
                var db = server.Create("db");
                await Fill(db, "doc", 3500);
                await Edit(db, "edited", 4);
                expected = DbDump.Of(db);
                using var cancel = new CancellationTokenSource();
                var stopped = db.Compact(progress: new ProgressHook(p =>
                {
                    if (p.Phase == "copy" && p.ChangesDone >= 2000) cancel.Cancel();
                }), cancel: cancel.Token);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
                Assert.False(db.CompactRunning);
                Assert.True(File.Exists(Path.Combine(dir, "db.couch.compact.data")));
                Assert.Equal(expected, DbDump.Of(db));

                long firstReport = -1;
                await db.Compact(progress: new ProgressHook(p =>
                {
                    if (firstReport < 0) firstReport = p.ChangesDone;
                }));
                Assert.True(firstReport > 2000, $"resumed at {firstReport}");
                Assert.False(File.Exists(Path.Combine(dir, "db.couch.compact.data")));
                Assert.Equal(expected, DbDump.Of(db));
            }
            await using (var reopened = new DatabaseServer(dir, DatabaseOptions.Default))
            {
                Assert.Equal(expected, DbDump.Of(reopened.Open("db")));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Closing_the_database_stops_its_compaction()
    {
        string dir = Path.Combine(Path.GetTempPath(), "couchjs-compact-" + Guid.NewGuid().ToString("N"));
        try
        {
            string expected;
            Task compaction;
            var server = new DatabaseServer(dir, DatabaseOptions.Default);
            var db = server.Create("db");
            await Fill(db, "doc", 3000);
            expected = DbDump.Of(db);
            using var copying = new ManualResetEventSlim();
            compaction = db.Compact(progress: new ProgressHook(p =>
            {
                copying.Set();
                Thread.Sleep(20);
            }));
            copying.Wait(TimeSpan.FromSeconds(30));
            await server.DisposeAsync();
            Assert.True(compaction.IsCompleted);
            await using var reopened = new DatabaseServer(dir, DatabaseOptions.Default);
            var again = reopened.Open("db");
            Assert.Equal(expected, DbDump.Of(again));
            await again.Compact();
            Assert.Equal(expected, DbDump.Of(again));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Sizes_after_compaction_add_up_to_about_the_file()
    {
        for (int i = 0; i < 20; i++) await Edit(Db, "doc" + i, 10);
        await Db.Compact();
        using var reader = Db.OpenReader();
        long file = reader.File.Eof;
        Assert.InRange(reader.Counts.Active, 1, file);
        Assert.True(file < 2 * reader.Counts.Active + 64 * 1024, $"file {file}, active {reader.Counts.Active}");
    }
}
