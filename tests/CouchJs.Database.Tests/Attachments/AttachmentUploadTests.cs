using System.IO.Compression;
using System.Security.Cryptography;
using CouchJs.Database.Attachments;
using static CouchJs.Database.Tests.AttachmentStreaming.UploadKit;
using CouchJs.Database.Tests.Support;

namespace CouchJs.Database.Tests.AttachmentStreaming;

/// <summary>Streaming uploads: what gets stored (lengths, digest, encoding, chunks) and the md5 check.</summary>
public sealed class AttachmentUploadTests : MemoryDatabaseTest
{
[Fact]
    public async Task Without_a_rev_the_upload_makes_a_document_holding_just_it()
    {
        byte[] data = Random(200_000);
        var rev = await Put(Db, "doc", null, "file.bin", "application/octet-stream", data, piece: 4093);
        Assert.Equal(1, rev.Pos);
        var att = Assert.Single(Stored(Db, "doc"));
        Assert.Equal(("file.bin", "application/octet-stream", 200_000L, 200_000L, Digest(data), 1L, (string?)null),
            (att.Name, att.ContentType, att.Length, att.EncodedLength, att.Digest, att.RevPos, att.Encoding));
        Assert.Equal(4, att.Chunks.Length);
        Assert.Equal(data, Read(Db, "doc", "file.bin"));
        Assert.Equal("{}", Body(Db, "doc"));
    }

    [Fact]
    public async Task Compressible_types_are_gzipped_while_they_stream_as_an_inline_write_would_store_them()
    {
        byte[] text = Text(300_000);
        await Put(Db, "doc", null, "a.txt", "text/plain; charset=utf-8", text, piece: 777);
        var att = Assert.Single(Stored(Db, "doc"));
        Assert.Equal(("gzip", 300_000L, Digest(text)), (att.Encoding, att.Length, att.Digest));
        Assert.True(att.EncodedLength < text.Length / 10, $"encoded {att.EncodedLength} bytes");
        Assert.Equal(text, Read(Db, "doc", "a.txt"));

        await Db.UpdateDoc(Doc($$$$"""{"_id":"inline","_attachments":{"a.txt":{"content_type":"text/plain","data":"{{{{Convert.ToBase64String(text)}}}}"}}}"""));
        var stored = Assert.Single(Stored(Db, "inline"));
        Assert.Equal((att.EncodedLength, att.Chunks.Length, att.Digest), (stored.EncodedLength, stored.Chunks.Length, stored.Digest));
    }

    [Fact]
    public async Task A_matching_content_md5_passes_and_another_is_400_content_md5_mismatch()
    {
        byte[] data = "foo bar"u8.ToArray();
        using (var upload = Db.BeginAttachment("a.bin", "application/octet-stream"))
        {
            upload.Write(data);
            upload.Complete(MD5.HashData(data));
            await Db.PutAttachment("good", null, upload);
        }
        using (var upload = Db.BeginAttachment("a.bin", "application/octet-stream"))
        {
            upload.Write(data);
            var error = Assert.Throws<CouchException>(() => upload.Complete(MD5.HashData("foo baz"u8)));
            Assert.Equal((400, "content_md5_mismatch", "Possible message corruption."), (error.Status, error.Error, error.Reason));
        }
        using var reader = Db.OpenReader();
        Assert.Equal(1, reader.Counts.DocCount);
    }

    [Fact]
    public async Task Data_sent_gzipped_is_stored_as_sent_with_its_stored_length_as_length()
    {
        byte[] text = Text(50_000);
        var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(text);
        byte[] sent = gzipped.ToArray();
        using (var upload = Db.BeginAttachment("a.txt", "text/plain", sentGzipped: true))
        {
            Write(upload, sent);
            upload.Complete(MD5.HashData(sent));
            await Db.PutAttachment("doc", null, upload);
        }
        var att = Assert.Single(Stored(Db, "doc"));
        Assert.Equal(("gzip", (long)sent.Length, (long)sent.Length, Digest(sent)), (att.Encoding, att.Length, att.EncodedLength, att.Digest));
        Assert.Equal(text, Read(Db, "doc", "a.txt"));
    }

    [Fact]
    public async Task An_empty_upload_is_stored_as_identity_without_chunks()
    {
        await Put(Db, "doc", null, "empty.txt", "text/plain", []);
        var att = Assert.Single(Stored(Db, "doc"));
        Assert.Equal(((string?)null, 0L, 0L, 0, Digest([])), (att.Encoding, att.Length, att.EncodedLength, att.Chunks.Length, att.Digest));
    }

    [Fact]
    public async Task Every_chunk_but_the_last_has_the_same_length_so_ranges_start_at_the_right_chunk()
    {
        await using var server = new DatabaseServer(null, DatabaseOptions.Default with { AttachmentChunkSize = 16 });
        var db = server.Create("small");
        byte[] data = Random(100, seed: 7);
        await Put(db, "doc", null, "a.bin", "application/octet-stream", data, piece: 3);
        using var reader = db.OpenReader();
        var att = reader.Get("doc")!.Winner.Value!.Attachments.Single();
        Assert.Equal([16, 16, 16, 16, 16, 16, 4], att.Chunks.Select(c => reader.File.Read(c).Length));
        foreach (var (from, to) in new[] { (0L, 0L), (0L, 99L), (15L, 16L), (16L, 31L), (17L, 17L), (31L, 80L), (95L, 99L), (99L, 99L), (50L, 40L) })
        {
            byte[] range = [.. AttachmentStore.ReadRange(reader.File, att, from, to).SelectMany(s => s.ToArray())];
            Assert.Equal(from > to ? [] : data[(int)from..(int)(to + 1)], range);
        }
    }
}
