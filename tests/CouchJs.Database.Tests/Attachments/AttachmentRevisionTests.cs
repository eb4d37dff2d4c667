using System.Text;
using CouchJs.Database.Revisions;
using static CouchJs.Database.Tests.AttachmentStreaming.UploadKit;
using CouchJs.Database.Tests.Support;

namespace CouchJs.Database.Tests.AttachmentStreaming;

/// <summary>The revisions attachment PUTs and DELETEs make: what they keep of the parent, and when they conflict.</summary>
public sealed class AttachmentRevisionTests : MemoryDatabaseTest
{
private async Task<Rev> DocWithTwoAttachments() =>
        (await Db.UpdateDoc(Doc("""{"_id":"doc","v":1,"_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="},"b.bin":{"content_type":"application/octet-stream","data":"AAEC"}}}"""))).Rev!.Value;

    [Fact]
    public async Task A_child_keeps_the_body_and_other_attachments_and_lists_the_upload_first()
    {
        var first = await DocWithTwoAttachments();
        byte[] data = Encoding.ASCII.GetBytes("new b");
        var second = await Put(Db, "doc", first, "b.bin", "application/x-new", data);
        Assert.Equal(2, second.Pos);
        var atts = Stored(Db, "doc");
        Assert.Equal([("b.bin", 2L, "application/x-new"), ("a.txt", 1L, "text/plain")], atts.Select(a => (a.Name, a.RevPos, a.ContentType)));
        Assert.Equal("""{"v":1}""", Body(Db, "doc"));
        Assert.Equal(data, Read(Db, "doc", "b.bin"));
        Assert.Equal("hello"u8.ToArray(), Read(Db, "doc", "a.txt"));
        using var reader = Db.OpenReader();
        Assert.Equal([second.Hash, first.Hash], reader.Get("doc")!.Winner.PathHashes);
    }

    [Fact]
    public async Task The_same_upload_on_the_same_parent_gets_the_same_rev()
    {
        var first = await DocWithTwoAttachments();
        await using var other = new DatabaseServer(null, DatabaseOptions.Default);
        var copy = other.Create("db");
        var same = (await copy.UpdateDoc(Doc("""{"_id":"doc","v":1,"_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="},"b.bin":{"content_type":"application/octet-stream","data":"AAEC"}}}"""))).Rev!.Value;
        Assert.Equal(first, same);
        byte[] data = Random(1000);
        Assert.Equal(await Put(Db, "doc", first, "c", "application/octet-stream", data), await Put(copy, "doc", same, "c", "application/octet-stream", data));
    }

    [Fact]
    public async Task Without_a_rev_an_existing_document_is_409_and_a_deleted_one_is_recreated_empty()
    {
        var first = await DocWithTwoAttachments();
        var conflict = await Assert.ThrowsAsync<CouchException>(() => Put(Db, "doc", null, "c", "text/plain", [1]));
        Assert.Equal((409, "conflict", "Document update conflict."), (conflict.Status, conflict.Error, conflict.Reason));
        var deleted = (await Db.UpdateDoc(Doc($$"""{"_id":"doc","_rev":"{{first}}","_deleted":true}"""))).Rev!.Value;
        var revived = await Put(Db, "doc", null, "c", "text/plain", "c"u8.ToArray());
        Assert.Equal(deleted.Pos + 1, revived.Pos);
        Assert.Equal(["c"], Stored(Db, "doc").Select(a => a.Name));
        Assert.Equal("{}", Body(Db, "doc"));
        using var reader = Db.OpenReader();
        Assert.False(reader.Get("doc")!.Deleted);
    }

    [Fact]
    public async Task A_stale_or_unknown_rev_is_409()
    {
        var first = await DocWithTwoAttachments();
        await Put(Db, "doc", first, "c", "text/plain", [1]);
        foreach (var rev in new[] { first, new Rev(7, "abc") })
        {
            var error = await Assert.ThrowsAsync<CouchException>(() => Put(Db, "doc", rev, "d", "text/plain", [2]));
            Assert.Equal(409, error.Status);
        }
        var missing = await Assert.ThrowsAsync<CouchException>(() => Put(Db, "nodoc", first, "d", "text/plain", [2]));
        Assert.Equal(409, missing.Status);
    }

    [Fact]
    public async Task A_deleted_leaf_given_as_rev_stays_deleted_as_in_CouchDB()
    {
        var first = await DocWithTwoAttachments();
        var deleted = (await Db.UpdateDoc(Doc($$"""{"_id":"doc","_rev":"{{first}}","_deleted":true}"""))).Rev!.Value;
        var child = await Put(Db, "doc", deleted, "c", "text/plain", [1]);
        using var reader = Db.OpenReader();
        var info = reader.Get("doc")!;
        Assert.Equal(child, info.Winner.Rev);
        Assert.True(info.Deleted);
        Assert.Equal(["c"], info.Winner.Value!.Attachments.Select(a => a.Name));
    }

    [Fact]
    public async Task Delete_makes_a_child_without_the_named_attachment()
    {
        var first = await DocWithTwoAttachments();
        var second = await Db.DeleteAttachment("doc", first, "a.txt");
        Assert.Equal(2, second.Pos);
        Assert.Equal(["b.bin"], Stored(Db, "doc").Select(a => a.Name));
        Assert.Equal("""{"v":1}""", Body(Db, "doc"));
        var stale = await Assert.ThrowsAsync<CouchException>(() => Db.DeleteAttachment("doc", first, "b.bin"));
        Assert.Equal(409, stale.Status);
    }

    [Fact]
    public async Task Concurrent_uploads_on_one_rev_let_exactly_one_win()
    {
        var first = await DocWithTwoAttachments();
        var uploads = Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => Put(Db, "doc", first, "n" + i, "application/octet-stream", Random(70_000, seed: i))))
            .ToArray();
        var outcomes = await Task.WhenAll(uploads.Select(async t =>
        {
            try
            {
                return (Rev?)await t;
            }
            catch (CouchException e) when (e.Status == 409)
            {
                return null;
            }
        }));
        var winner = Assert.Single(outcomes, o => o is not null)!.Value;
        using var reader = Db.OpenReader();
        var info = reader.Get("doc")!;
        Assert.Equal(winner, info.Winner.Rev);
        Assert.Single(info.Tree.Leaves());
        Assert.Equal(3, info.Winner.Value!.Attachments.Length);
    }
}
