using System.Text;
using CouchJs.Database.Attachments;
using CouchJs.Database.Documents;
using CouchJs.Database.Tests.Support;

namespace CouchJs.Database.Tests.Documents;

/// <summary>Attachments carried from one document to another (COPY) keep their data and revpos, across a compaction too.</summary>
public sealed class CarriedAttachmentTests : MemoryDatabaseTest
{
private async Task WriteSource()
    {
        var first = await Db.UpdateDoc(DocParser.Parse("""{"_id":"src","_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}"""u8));
        await Db.UpdateDoc(DocParser.Parse(Encoding.UTF8.GetBytes(
            $$$$"""{"_id":"src","_rev":"{{{{first.Rev}}}}","v":2,"_attachments":{"a.txt":{"stub":true}}}""")));
    }

    private static IncomingDoc CopyOf(DbReader reader, string targetId)
    {
        var att = reader.Get("src")!.Winner.Value!.Attachments.Single();
        return new IncomingDoc
        {
            Id = targetId,
            Attachments = [new IncomingAttachment { Name = att.Name, ContentType = att.ContentType, Stored = att, StoredIn = reader.File }],
        };
    }

    private string ReadCopy(string id, out long revPos)
    {
        using var reader = Db.OpenReader();
        var att = reader.Get(id)!.Winner.Value!.Attachments.Single();
        revPos = att.RevPos;
        using var data = new StreamReader(AttachmentStore.OpenIdentity(reader.File, att));
        return data.ReadToEnd();
    }

    [Fact]
    public async Task A_carried_attachment_keeps_its_chunks_and_revpos()
    {
        await WriteSource();
        using (var reader = Db.OpenReader()) await Db.UpdateDoc(CopyOf(reader, "copy"));
        Assert.Equal("hello", ReadCopy("copy", out long revPos));
        Assert.Equal(1, revPos);
    }

    [Fact]
    public async Task A_compaction_between_read_and_write_moves_the_chunks_to_the_new_file()
    {
        await WriteSource();
        using (var reader = Db.OpenReader())
        {
            var copy = CopyOf(reader, "copy");
            await Db.Compact();
            using (var current = Db.OpenReader()) Assert.NotSame(reader.File, current.File);
            await Db.UpdateDoc(copy);
        }
        Assert.Equal("hello", ReadCopy("copy", out long revPos));
        Assert.Equal(1, revPos);
        await Db.Compact();
        Assert.Equal("hello", ReadCopy("copy", out _));
    }
}
