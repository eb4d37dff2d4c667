using System.Text;
using CouchJs.Database.Documents;
using CouchJs.Database.Revisions;
using CouchJs.Database.Tests.Support;

namespace CouchJs.Database.Tests.Writing;

public sealed class DatabaseUpdateTests : MemoryDatabaseTest
{
private static IncomingDoc Doc(string json) => DocParser.Parse(Encoding.UTF8.GetBytes(json));

    private string Body(string id)
    {
        using var reader = Db.OpenReader();
        var info = reader.Get(id)!;
        return Encoding.UTF8.GetString(reader.ReadBody(info.Winner.Value!));
    }

    [Fact]
    public async Task Create_then_update_makes_a_two_rev_path()
    {
        var first = await Db.UpdateDoc(Doc("""{"_id":"a","v":1}"""));
        Assert.Equal(1, first.Rev!.Value.Pos);
        var second = await Db.UpdateDoc(Doc($$"""{"_id":"a","_rev":"{{first.Rev}}","v":2}"""));
        Assert.Equal(2, second.Rev!.Value.Pos);
        using var reader = Db.OpenReader();
        var info = reader.Get("a")!;
        Assert.Equal(second.Rev, info.Winner.Rev);
        Assert.Equal([second.Rev.Value.Hash, first.Rev.Value.Hash], info.Winner.PathHashes);
        Assert.Equal("""{"v":2}""", Body("a"));
        Assert.Equal(2, reader.UpdateSeq);
        Assert.Equal(1, reader.Counts.DocCount);
    }

    [Fact]
    public async Task A_stale_or_missing_rev_is_a_conflict()
    {
        var first = await Db.UpdateDoc(Doc("""{"_id":"a"}"""));
        await Db.UpdateDoc(Doc($$"""{"_id":"a","_rev":"{{first.Rev}}"}"""));
        var stale = await Assert.ThrowsAsync<CouchException>(() => Db.UpdateDoc(Doc($$"""{"_id":"a","_rev":"{{first.Rev}}"}""")));
        Assert.Equal((409, "conflict", "Document update conflict."), (stale.Status, stale.Error, stale.Reason));
        var noRev = await Assert.ThrowsAsync<CouchException>(() => Db.UpdateDoc(Doc("""{"_id":"a"}""")));
        Assert.Equal(409, noRev.Status);
        var revOnMissing = await Assert.ThrowsAsync<CouchException>(() => Db.UpdateDoc(Doc("""{"_id":"zz","_rev":"1-abc"}""")));
        Assert.Equal(409, revOnMissing.Status);
    }

    [Fact]
    public async Task The_same_edit_gets_the_same_rev()
    {
        var a = await Db.UpdateDoc(Doc("""{"_id":"x","v":1}"""));
        var b = await Db.UpdateDoc(Doc("""{"_id":"y","v":1}"""));
        Assert.Equal(a.Rev, b.Rev);
    }

    [Fact]
    public async Task Concurrent_edits_of_one_rev_let_exactly_one_win()
    {
        var first = await Db.UpdateDoc(Doc("""{"_id":"c"}"""));
        var attempts = Enumerable.Range(0, 32)
            .Select(i => Db.UpdateDocs([Doc($$"""{"_id":"c","_rev":"{{first.Rev}}","n":{{i}}}""")]))
            .ToList();
        var results = (await Task.WhenAll(attempts)).Select(r => r[0]).ToList();
        Assert.Single(results, r => r.Ok);
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(409, r.Error!.Status));
    }

    [Fact]
    public async Task Delete_then_recreate_without_rev_extends_the_deleted_leaf()
    {
        var first = await Db.UpdateDoc(Doc("""{"_id":"d"}"""));
        var deleted = await Db.UpdateDoc(Doc($$"""{"_id":"d","_rev":"{{first.Rev}}","_deleted":true}"""));
        using (var reader = Db.OpenReader())
        {
            Assert.True(reader.Get("d")!.Deleted);
            Assert.Equal(0, reader.Counts.DocCount);
            Assert.Equal(1, reader.Counts.DelCount);
        }
        var again = await Db.UpdateDoc(Doc("""{"_id":"d","v":3}"""));
        Assert.Equal(deleted.Rev!.Value.Pos + 1, again.Rev!.Value.Pos);
    }

    [Fact]
    public async Task Replicated_revisions_make_conflicts_and_the_winner_is_the_highest()
    {
        await Db.UpdateDocs([Doc("""{"_id":"r","_revisions":{"start":2,"ids":["b2","a1"]},"v":"left"}""")], newEdits: false);
        await Db.UpdateDocs([Doc("""{"_id":"r","_revisions":{"start":2,"ids":["c2","a1"]},"v":"right"}""")], newEdits: false);
        using var reader = Db.OpenReader();
        var info = reader.Get("r")!;
        Assert.Equal(new Rev(2, "c2"), info.Winner.Rev);
        Assert.Equal(2, info.Tree.Leaves().Count);
        var seq = reader.Changes(0, false).Single();
        Assert.Equal("r", seq.Value.Id);
        Assert.Equal(new Rev(2, "c2"), seq.Value.WinningRev);
        Assert.Equal(2, seq.Value.Leaves.Length);
    }

    [Fact]
    public async Task Replicating_a_rev_twice_changes_nothing()
    {
        var doc = """{"_id":"t","_rev":"1-abc","v":1}""";
        await Db.UpdateDocs([Doc(doc)], newEdits: false);
        long seq = Db.UpdateSeq;
        await Db.UpdateDocs([Doc(doc)], newEdits: false);
        Assert.Equal(seq, Db.UpdateSeq);
    }

    [Fact]
    public async Task Changes_keep_one_entry_per_document_at_its_latest_seq()
    {
        var a = await Db.UpdateDoc(Doc("""{"_id":"a"}"""));
        await Db.UpdateDoc(Doc("""{"_id":"b"}"""));
        await Db.UpdateDoc(Doc($$"""{"_id":"a","_rev":"{{a.Rev}}"}"""));
        using var reader = Db.OpenReader();
        Assert.Equal([(2L, "b"), (3L, "a")], reader.Changes(0, false).Select(c => (c.Key, c.Value.Id)));
        Assert.Equal([(3L, "a")], reader.Changes(2, false).Select(c => (c.Key, c.Value.Id)));
    }

    [Fact]
    public async Task Attachment_stubs_carry_over_and_bad_stubs_are_412()
    {
        var first = await Db.UpdateDoc(Doc("""{"_id":"att","_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}"""));
        var second = await Db.UpdateDoc(Doc("{\"_id\":\"att\",\"_rev\":\"" + first.Rev + "\",\"_attachments\":{\"a.txt\":{\"stub\":true}}}"));
        using (var reader = Db.OpenReader())
        {
            var att = reader.Get("att")!.Winner.Value!.Attachments.Single();
            Assert.Equal((1L, 5L, "gzip"), (att.RevPos, att.Length, att.Encoding));
            Assert.Equal("md5-XUFAKrxLKna5cZ2REBfFkg==", att.Digest);
            using var data = Attachments.AttachmentStore.OpenIdentity(reader.File, att);
            Assert.Equal("hello", new StreamReader(data).ReadToEnd());
        }
        var bad = await Assert.ThrowsAsync<CouchException>(() =>
            Db.UpdateDoc(Doc("{\"_id\":\"att\",\"_rev\":\"" + second.Rev + "\",\"_attachments\":{\"nope\":{\"stub\":true}}}")));
        Assert.Equal((412, "missing_stub", "Invalid attachment stub in att for nope"), (bad.Status, bad.Error, bad.Reason));
    }

    [Fact]
    public async Task Local_docs_count_revs_and_check_them()
    {
        Assert.Equal("0-1", await Db.UpdateLocal("_local/x", null, false, "{}"u8.ToArray()));
        Assert.Equal("0-2", await Db.UpdateLocal("_local/x", "0-1", false, """{"a":1}"""u8.ToArray()));
        var conflict = await Assert.ThrowsAsync<CouchException>(() => Db.UpdateLocal("_local/x", "0-1", false, "{}"u8.ToArray()));
        Assert.Equal(409, conflict.Status);
        using (var reader = Db.OpenReader()) Assert.Equal(2, reader.GetLocal("_local/x")!.Rev);
        Assert.Equal("0-0", await Db.UpdateLocal("_local/x", "0-2", true, []));
        using (var reader = Db.OpenReader()) Assert.Null(reader.GetLocal("_local/x"));
        Assert.Equal(0, Db.UpdateSeq);
    }

    [Fact]
    public async Task Writes_survive_reopening_the_server()
    {
        string dir = Path.Combine(Path.GetTempPath(), "couchjs-db-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var server = new DatabaseServer(dir, DatabaseOptions.Default))
            {
                var db = server.Create("persist/nested");
                await db.UpdateDocs([.. Enumerable.Range(0, 100).Select(i => Doc($$"""{"_id":"d{{i:D3}}","i":{{i}}}"""))]);
            }
            await using (var server = new DatabaseServer(dir, DatabaseOptions.Default))
            {
                Assert.Equal(["persist/nested"], server.AllNames());
                using var reader = server.Open("persist/nested").OpenReader();
                Assert.Equal(100, reader.Counts.DocCount);
                Assert.Equal(100, reader.UpdateSeq);
                Assert.Equal("d000", reader.AllDocs(default, false).First().Id);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_security_object_given_at_creation_is_there_from_the_first_header()
    {
        string dir = Path.Combine(Path.GetTempPath(), "couchjs-db-" + Guid.NewGuid().ToString("N"));
        byte[] security = """{"members":{"roles":["_admin"]},"admins":{"roles":["_admin"]}}"""u8.ToArray();
        try
        {
            await using (var server = new DatabaseServer(dir, DatabaseOptions.Default))
            {
                using var reader = server.Create("secured", security).OpenReader();
                Assert.Equal(security, reader.Security);
                Assert.Equal(0, reader.UpdateSeq);
            }
            await using (var server = new DatabaseServer(dir, DatabaseOptions.Default))
            {
                using var reader = server.Open("secured").OpenReader();
                Assert.Equal(security, reader.Security);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
