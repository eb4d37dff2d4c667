using System.Security.Cryptography;
using CouchJs.Database.Attachments;

namespace CouchJs.Database.Tests.AttachmentStreaming;

/// <summary>A large upload streams: memory allocated while it is written stays a small fraction of its size.</summary>
public sealed class AttachmentStreamingTests : IAsyncLifetime
{
    private const int Megabytes = 50;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "couchjs-att-stream-" + Guid.NewGuid().ToString("N"));
    private DatabaseServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new DatabaseServer(_dir, DatabaseOptions.Default);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Fifty_megabytes_written_in_pieces_allocate_under_one_percent_of_their_size()
    {
        var db = _server.Create("big");
        byte[] piece = new byte[64 * 1024];
        var random = new Random(11);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var upload = db.BeginAttachment("big.bin", "application/octet-stream");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Megabytes * 16; i++)
        {
            random.NextBytes(piece);
            md5.AppendData(piece);
            upload.Write(piece);
        }
        upload.Complete();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Megabytes * 1024L * 1024 / 100, $"{allocated} bytes allocated");

        await db.PutAttachment("doc", null, upload);
        using var reader = db.OpenReader();
        var att = reader.Get("doc")!.Winner.Value!.Attachments.Single();
        Assert.Equal(Megabytes * 1024L * 1024, att.Length);
        Assert.Equal("md5-" + Convert.ToBase64String(md5.GetHashAndReset()), att.Digest);
        foreach (var segment in AttachmentStore.ReadRange(reader.File, att, 0, att.Length - 1)) md5.AppendData(segment.Span);
        Assert.Equal(att.Digest, "md5-" + Convert.ToBase64String(md5.GetHashAndReset()));
    }
}
