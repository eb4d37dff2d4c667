using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Documents;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Attachments.AttachmentKit;

namespace CouchJs.Http.Tests.Attachments;

/// <summary>Large attachments over the wire, concurrent PUTs on one document, and a compaction during an upload.</summary>
public sealed class AttachmentStreamingTests(CouchServer server) : IClassFixture<CouchServer>
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    private HttpClient Client => server.Client;

    [Fact]
    public async Task Fifty_megabytes_stream_in_and_out()
    {
        string db = await DocKit.NewDb(Client);
        var content = new GeneratedContent(FiftyMegabytes, seed: 21);
        content.Headers.ContentType = new("video/mp4");
        await HttpAssert.Json(await Client.PutAsync($"{db}/doc/movie.mp4", content), HttpStatusCode.Created);
        string digest = "md5-" + Convert.ToBase64String(content.Md5!);

        var att = (await DocKit.Get(Client, $"{db}/doc"))["_attachments"]!["movie.mp4"]!;
        Assert.Equal((FiftyMegabytes, digest), ((long)att["length"]!, (string?)att["digest"]));

        using var response = await Client.GetAsync($"{db}/doc/movie.mp4", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(FiftyMegabytes, response.Content.Headers.ContentLength);
        Assert.Equal("\"" + digest[4..] + "\"", response.Headers.ETag?.ToString());
        Assert.Equal(digest, await Md5Of(await response.Content.ReadAsStreamAsync()));
    }

    [Fact]
    public async Task A_large_text_attachment_is_stored_gzipped()
    {
        string db = await DocKit.NewDb(Client);
        byte[] text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 200_000).Select(i => $"row {i % 1000}\n")));
        await Put(Client, $"{db}/doc/log.txt", text, "text/plain");
        var att = (await DocKit.Get(Client, $"{db}/doc?att_encoding_info=true"))["_attachments"]!["log.txt"]!;
        Assert.Equal(("gzip", (long)text.Length), ((string?)att["encoding"], (long)att["length"]!));
        Assert.True((long)att["encoded_length"]! < text.Length / 5);
        Assert.Equal(text, await (await Client.GetAsync($"{db}/doc/log.txt")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Concurrent_puts_on_one_rev_let_one_win_and_the_rest_get_409()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", """{"v":1}""");
        var puts = Enumerable.Range(0, 10).Select(async i =>
        {
            var response = await Client.PutAsync($"{db}/doc/att{i}.bin?rev={rev}", Body(new byte[100_000], "application/octet-stream"));
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        });
        var results = await Task.WhenAll(puts);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        var conflicts = results.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(9, conflicts.Count);
        Assert.All(conflicts, c => Assert.Equal((HttpStatusCode.Conflict, "conflict"), (c.StatusCode, (string?)c.Item2!["error"])));
        Assert.Single((await DocKit.Get(Client, $"{db}/doc"))["_attachments"]!.AsObject());
    }

    [Fact]
    public async Task A_compaction_while_an_upload_streams_loses_nothing()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await DocKit.Put(Client, $"{db}/doc", """{"v":1,"_attachments":{"old.txt":{"content_type":"text/plain","data":"b2xk"}}}""");
        var resume = new TaskCompletionSource();
        var content = new GeneratedContent(4L * 1024 * 1024, seed: 3, pauseAt: 2L * 1024 * 1024, resume.Task);
        var put = Client.PutAsync($"{db}/doc/data.bin?rev={rev}", content);
        await content.Paused;
        await Task.Delay(200);
        var compact = new HttpRequestMessage(HttpMethod.Post, $"{db}/_compact") { Content = DocKit.Json("{}") };
        Assert.Equal(HttpStatusCode.Accepted, (await Client.SendAsync(compact)).StatusCode);
        for (int i = 0; i < 600 && (bool)(await DocKit.Get(Client, db))["compact_running"]!; i++) await Task.Delay(50);
        resume.SetResult();
        await HttpAssert.Json(await put, HttpStatusCode.Created);

        using var response = await Client.GetAsync($"{db}/doc/data.bin", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("md5-" + Convert.ToBase64String(content.Md5!), await Md5Of(await response.Content.ReadAsStreamAsync()));
        Assert.Equal("old", await (await Client.GetAsync($"{db}/doc/old.txt")).Content.ReadAsStringAsync());
        Assert.Equal(1, (int)(await DocKit.Get(Client, $"{db}/doc"))["v"]!);
    }

    private static async Task<string> Md5Of(Stream stream)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0) md5.AppendData(buffer, 0, n);
        return "md5-" + Convert.ToBase64String(md5.GetHashAndReset());
    }

    /// <summary>
    /// A request body of seeded random bytes made 64 KB at a time (never held whole), its md5 taken as
    /// it goes; it may stop at <c>pauseAt</c> until <c>resume</c> completes.
    /// </summary>
    private sealed class GeneratedContent(long length, int seed, long pauseAt = -1, Task? resume = null) : HttpContent
    {
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public byte[]? Md5 { get; private set; }

        public Task Paused => _paused.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var random = new Random(seed);
            byte[] block = new byte[64 * 1024];
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            for (long sent = 0; sent < length;)
            {
                if (sent == pauseAt)
                {
                    await stream.FlushAsync();
                    _paused.SetResult();
                    await resume!;
                }
                int n = (int)Math.Min(block.Length, length - sent);
                random.NextBytes(block);
                md5.AppendData(block, 0, n);
                await stream.WriteAsync(block.AsMemory(0, n));
                sent += n;
            }
            Md5 = md5.GetHashAndReset();
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return true;
        }
    }
}
