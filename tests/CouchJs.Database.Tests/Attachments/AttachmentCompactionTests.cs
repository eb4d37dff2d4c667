using CouchJs.Database.Revisions;
using static CouchJs.Database.Tests.AttachmentStreaming.UploadKit;

namespace CouchJs.Database.Tests.AttachmentStreaming;

/// <summary>
/// A compaction that swaps the database file while an upload streams: chunks already written to the
/// old file are copied into the new one (when the next chunk is written, or by the write op), so the
/// committed attachment reads back whole.
/// </summary>
public sealed class AttachmentCompactionTests : IAsyncLifetime
{
    private const int ChunkSize = 1024;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "couchjs-att-compact-" + Guid.NewGuid().ToString("N"));
    private DatabaseServer _server = null!;
    private CouchDatabase _db = null!;

    public Task InitializeAsync()
    {
        _server = new DatabaseServer(_dir, DatabaseOptions.Default with { AttachmentChunkSize = ChunkSize });
        _db = _server.Create("db");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<Rev> ExistingDoc() =>
        (await _db.UpdateDoc(Doc("""{"_id":"doc","v":1,"_attachments":{"old.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}"""))).Rev!.Value;

    private async Task CompactAndCheckTheFileChanged()
    {
        var before = _db.File.File;
        await _db.Compact();
        Assert.NotSame(before, _db.File.File);
    }

    [Fact]
    public async Task A_swap_between_two_chunks_moves_the_chunks_written_so_far()
    {
        var rev = await ExistingDoc();
        byte[] data = Random(10 * ChunkSize + 100, seed: 3);
        using var upload = _db.BeginAttachment("new.bin", "application/octet-stream");
        Write(upload, data.AsSpan(0, 5 * ChunkSize + 10));
        await CompactAndCheckTheFileChanged();
        Write(upload, data.AsSpan(5 * ChunkSize + 10));
        upload.Complete();
        await _db.PutAttachment("doc", rev, upload);

        Assert.Equal(data, Read(_db, "doc", "new.bin"));
        Assert.Equal("hello"u8.ToArray(), Read(_db, "doc", "old.txt"));
        Assert.Equal("""{"v":1}""", Body(_db, "doc"));
    }

    [Fact]
    public async Task A_swap_after_the_last_chunk_is_caught_by_the_write_op()
    {
        byte[] data = Random(3 * ChunkSize, seed: 4);
        using var upload = _db.BeginAttachment("new.bin", "application/octet-stream");
        Write(upload, data);
        upload.Complete();
        await CompactAndCheckTheFileChanged();
        await _db.PutAttachment("doc", null, upload);
        Assert.Equal(data, Read(_db, "doc", "new.bin"));
    }

    [Fact]
    public async Task Two_swaps_during_one_upload_and_a_reopen_keep_the_attachment_whole()
    {
        var rev = await ExistingDoc();
        // Random bytes: gzip (text/plain is compressible) emits about as much as it is given, so
        // chunks reach the file before each swap.
        byte[] text = Random(40 * ChunkSize, seed: 5);
        using (var upload = _db.BeginAttachment("new.txt", "text/plain"))
        {
            Write(upload, text.AsSpan(0, text.Length / 2));
            await CompactAndCheckTheFileChanged();
            Write(upload, text.AsSpan(text.Length / 2, text.Length / 4));
            await CompactAndCheckTheFileChanged();
            Write(upload, text.AsSpan(3 * text.Length / 4));
            upload.Complete();
            await _db.PutAttachment("doc", rev, upload);
        }
        await _server.DisposeAsync();
        _server = new DatabaseServer(_dir, DatabaseOptions.Default with { AttachmentChunkSize = ChunkSize });
        _db = _server.Open("db");
        Assert.Equal(text, Read(_db, "doc", "new.txt"));
        Assert.Equal("gzip", Stored(_db, "doc")[0].Encoding);
    }
}
