using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Bulk;

public sealed partial class BulkGetMultipartTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Multipart_clients_get_one_part_per_revision_and_error()
    {
        string db = await TestDb.Create(Client);
        var plain = await TestDb.BulkDocs(Client, db, """[{"_id":"p","v":1}]""");
        var withAtt = await TestDb.BulkDocs(Client, db, """[{"_id":"q","_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="}}}]""");
        string pRev = (string)plain[0]!["rev"]!, qRev = (string)withAtt[0]!["rev"]!;

        var request = new HttpRequestMessage(HttpMethod.Post, db + "/_bulk_get")
        {
            Content = TestDb.Json("""{"docs":[{"id":"p"},{"id":"q"},{"id":"p","rev":"9-x"},{"id":"none"}]}"""),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("multipart/mixed"));
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var type = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/mixed", type.MediaType);
        string boundary = type.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        Assert.Matches("^--[0-9a-f]{32}$", boundary);

        // Latin-1 keeps one char per byte, so the gzipped data's length can be checked.
        string body = Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync());
        string inner = InnerBoundary().Match(body).Groups[1].Value;
        // The gzipped attachment is sent as stored: compare around its bytes.
        int dataStart = body.IndexOf("Content-Encoding: gzip\r\n\r\n", StringComparison.Ordinal) + "Content-Encoding: gzip\r\n\r\n".Length;
        int dataEnd = body.IndexOf("\r\n--" + inner + "--", dataStart, StringComparison.Ordinal);
        string expectedHead =
            $"\r\n--{boundary}\r\nContent-Type: application/json\r\n\r\n{{\"_id\":\"p\",\"_rev\":\"{pRev}\",\"v\":1}}"
            + $"\r\n--{boundary}\r\nX-Doc-Id: q\r\nX-Rev-Id: {qRev}\r\nContent-Type: multipart/related; boundary={inner}\r\n\r\n"
            + $"--{inner}\r\nContent-Type: application/json\r\n\r\n"
            + $"{{\"_id\":\"q\",\"_rev\":\"{qRev}\",\"_attachments\":{{\"a.txt\":{{\"content_type\":\"text/plain\",\"revpos\":1,"
            + "\"digest\":\"md5-XUFAKrxLKna5cZ2REBfFkg==\",\"length\":5,\"follows\":true,\"encoding\":\"gzip\",\"encoded_length\":"
            + "(?<len>[0-9]+)}}}"
            + $"\r\n--{inner}\r\nContent-Disposition: attachment; filename=\"a.txt\"\r\nContent-Type: text/plain\r\nContent-Length: (?<len2>[0-9]+)\r\nContent-Encoding: gzip\r\n\r\n";
        var head = Regex.Match(body[..dataStart], "^" + Escape(expectedHead) + "$");
        Assert.True(head.Success, body[..dataStart]);
        Assert.Equal(head.Groups["len"].Value, head.Groups["len2"].Value);
        Assert.Equal(int.Parse(head.Groups["len"].Value), dataEnd - dataStart);
        Assert.Equal(
            $"\r\n--{inner}--"
            + $"\r\n--{boundary}\r\nContent-Type: application/json; error=\"true\"\r\n\r\n{{\"rev\":\"9-x\",\"error\":\"not_found\",\"reason\":\"missing\"}}"
            + $"\r\n--{boundary}\r\nContent-Type: application/json; error=\"true\"\r\n\r\n{{\"rev\":\"undefined\",\"reason\":\"missing\",\"id\":\"none\",\"error\":\"not_found\"}}"
            + $"\r\n--{boundary}--\r\n",
            body[dataEnd..]);
    }

    [Fact]
    public async Task Json_is_preferred_when_the_client_accepts_both()
    {
        string db = await TestDb.Create(Client);
        var request = new HttpRequestMessage(HttpMethod.Post, db + "/_bulk_get") { Content = TestDb.Json("""{"docs":[]}""") };
        request.Headers.Accept.ParseAdd("multipart/mixed, application/json");
        var response = await Client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    // Everything but the named groups is literal.
    private static string Escape(string pattern) =>
        Regex.Escape(pattern).Replace(@"\(\?<len>\[0-9]\+\)", "(?<len>[0-9]+)").Replace(@"\(\?<len2>\[0-9]\+\)", "(?<len2>[0-9]+)");

    [GeneratedRegex("boundary=(--[0-9a-f]{32})\r\n")]
    private static partial Regex InnerBoundary();
}
