using System.Net;
using System.Text;
using CouchJs.Http.Tests.Documents;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Attachments.AttachmentKit;

namespace CouchJs.Http.Tests.Attachments;

/// <summary>Range requests on attachments, as CouchDB's attachment_ranges test and chttpd_db:parse_ranges answer them.</summary>
public sealed class AttachmentRangeTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    private async Task<string> DbWithText()
    {
        string db = await DocKit.NewDb(Client);
        await Put(Client, $"{db}/bin_doc/foo.txt", Encoding.UTF8.GetBytes(Text));
        return db;
    }

    private Task<HttpResponseMessage> Range(string path, string range, HttpMethod? method = null) =>
        Get(Client, path, h => h.TryAddWithoutValidation("Range", range), method);

    [Theory]
    [InlineData("bytes=0-28", "This is a base64 encoded text", "bytes 0-28/29")]
    [InlineData("bytes=2-", "is is a base64 encoded text", "bytes 2-28/29")]
    [InlineData("bytes=0-3", "This", "bytes 0-3/29")]
    [InlineData("bytes=10-15", "base64", "bytes 10-15/29")]
    [InlineData("bytes=-3", "ext", "bytes 26-28/29")]
    [InlineData("bytes=0-0", "T", "bytes 0-0/29")]
    [InlineData("bytes=-5", " text", "bytes 24-28/29")]
    [InlineData("bytes=5-", "is a base64 encoded text", "bytes 5-28/29")]
    [InlineData("bytes=28-28", "t", "bytes 28-28/29")]
    [InlineData("bytes=20-100", "oded text", "bytes 20-28/29")]
    [InlineData("bytes= 3-4 ", "s ", "bytes 3-4/29")]
    [InlineData("bytes=-28", "his is a base64 encoded text", "bytes 1-28/29")]
    // chttpd_db:parse_ranges cuts a suffix as long as the entity or longer to length-1 first, so it starts at byte 1.
    [InlineData("bytes=-29", "his is a base64 encoded text", "bytes 1-28/29")]
    [InlineData("bytes=-100", "his is a base64 encoded text", "bytes 1-28/29")]
    public async Task One_range_is_206_with_content_range(string range, string body, string contentRange)
    {
        string db = await DbWithText();
        var response = await Range($"{db}/bin_doc/foo.txt", range);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Equal(contentRange, response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(Etag(Encoding.UTF8.GetBytes(Text)), response.Headers.ETag?.ToString());
        Assert.Equal("bytes", Header(response, "Accept-Ranges"));
        Assert.Equal("", Header(response, "Content-MD5"));
    }

    [Theory]
    [InlineData("bytes=0-")]
    [InlineData("bytes=0-,0-,0-")]
    [InlineData("bytes:0-")]
    [InlineData("items=0-3")]
    [InlineData("bytes=a-3")]
    [InlineData("bytes=1-2-3")]
    [InlineData("bytes=4-6,0-")]
    [InlineData("bytes=0-1,0-1,0-1,0-1,0-1,0-1,0-1,0-1,0-1,0-1")]
    public async Task Ranges_couchdb_ignores_get_the_whole_entity(string range)
    {
        string db = await DbWithText();
        var response = await Range($"{db}/bin_doc/foo.txt", range);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Text, await response.Content.ReadAsStringAsync());
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Equal(29, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("bytes=5-3")]
    [InlineData("bytes=300-310")]
    [InlineData("bytes=29-")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=0-1,5-3")]
    public async Task Backward_ranges_and_ranges_past_the_end_are_416(string range)
    {
        string db = await DbWithText();
        var response = await Range($"{db}/bin_doc/foo.txt", range);
        await HttpAssert.Error(response, HttpStatusCode.RequestedRangeNotSatisfiable, "requested_range_not_satisfiable", "Requested range not satisfiable");
        HttpAssert.CouchHeaders(response);
    }

    [Fact]
    public async Task Several_ranges_are_multipart_byteranges_in_the_order_asked()
    {
        string db = await DbWithText();
        var response = await Range($"{db}/bin_doc/foo.txt", "bytes=10-15,0-3,-4");
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var type = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/byteranges", type.MediaType);
        string boundary = type.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        Assert.Matches("^[0-9a-f]{32}$", boundary);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("", Header(response, "ETag"));
        string expected =
            $"--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 10-15/29\r\n\r\nbase64" +
            $"\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-3/29\r\n\r\nThis" +
            $"\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 25-28/29\r\n\r\ntext" +
            $"\r\n--{boundary}--";
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Head_with_a_range_has_the_partial_headers_only()
    {
        string db = await DbWithText();
        var response = await Range($"{db}/bin_doc/foo.txt", "bytes=2-5", HttpMethod.Head);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 2-5/29", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(4, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Ranges_across_chunk_boundaries_of_a_large_attachment_read_the_right_bytes()
    {
        string db = await DocKit.NewDb(Client);
        byte[] data = new byte[300_000];
        new Random(9).NextBytes(data);
        await Put(Client, $"{db}/doc/big.bin", data);
        foreach (var (from, to) in new[] { (65_530, 65_545), (0, 65_535), (65_536, 65_536), (131_000, 299_999), (299_999, 299_999) })
        {
            var response = await Range($"{db}/doc/big.bin", $"bytes={from}-{to}");
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(data[from..(to + 1)], await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Gzip_stored_attachments_ignore_ranges_but_still_refuse_backward_ones()
    {
        string db = await DocKit.NewDb(Client);
        byte[] text = Encoding.UTF8.GetBytes(Text);
        await Put(Client, $"{db}/doc/foo.txt", text, "text/plain");
        var response = await Range($"{db}/doc/foo.txt", "bytes=0-3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Text, await response.Content.ReadAsStringAsync());
        Assert.Equal("none", Header(response, "Accept-Ranges"));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await Range($"{db}/doc/foo.txt", "bytes=5-3")).StatusCode);
    }
}
