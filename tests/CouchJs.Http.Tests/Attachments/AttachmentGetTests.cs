using System.IO.Compression;
using System.Net;
using System.Text;
using CouchJs.Http.Tests.Documents;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Attachments.AttachmentKit;

namespace CouchJs.Http.Tests.Attachments;

/// <summary>GET/HEAD /{db}/{docid}/{attname}: headers, ETags, revisions, gzip and CouchDB's 404s.</summary>
public sealed class AttachmentGetTests(CouchServer server) : IClassFixture<CouchServer>
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(Text);

    private HttpClient Client => server.Client;

    private async Task<string> DbWithText(string type = "application/octet-stream")
    {
        string db = await DocKit.NewDb(Client);
        await Put(Client, $"{db}/doc/foo.txt", Data, type);
        return db;
    }

    [Fact]
    public async Task An_identity_attachment_comes_with_couchdbs_headers()
    {
        string db = await DbWithText();
        var response = await Client.GetAsync($"{db}/doc/foo.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("\"aEI7pOYCRBLTRQvvqYrrJQ==\"", response.Headers.ETag?.ToString());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(29, response.Content.Headers.ContentLength);
        Assert.Equal("bytes", Header(response, "Accept-Ranges"));
        Assert.Equal("must-revalidate", Header(response, "Cache-Control"));
        Assert.Equal("sandbox", Header(response, "Content-Security-Policy"));
        Assert.Equal("aEI7pOYCRBLTRQvvqYrrJQ==", Header(response, "Content-MD5"));
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("CouchDB/", Header(response, "Server"));
    }

    [Fact]
    public async Task Head_has_the_headers_and_no_body()
    {
        string db = await DbWithText();
        var response = await Get(Client, $"{db}/doc/foo.txt", method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(29, response.Content.Headers.ContentLength);
        Assert.Equal(Etag(Data), response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_matching_if_none_match_is_304()
    {
        string db = await DbWithText("text/plain");
        var response = await Get(Client, $"{db}/doc/foo.txt", h => h.IfNoneMatch.ParseAdd(Etag(Data)));
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(Etag(Data), response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        response = await Get(Client, $"{db}/doc/foo.txt", h => h.IfNoneMatch.ParseAdd("\"other\""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Old_revisions_keep_their_attachments()
    {
        string db = await DocKit.NewDb(Client);
        string first = await Put(Client, $"{db}/doc/a.txt", "one"u8.ToArray(), "text/plain");
        string second = await Put(Client, $"{db}/doc/a.txt?rev={first}", "two"u8.ToArray(), "text/plain");
        Assert.Equal("two", await (await Client.GetAsync($"{db}/doc/a.txt")).Content.ReadAsStringAsync());
        Assert.Equal("one", await (await Client.GetAsync($"{db}/doc/a.txt?rev={first}")).Content.ReadAsStringAsync());
        await HttpAssert.Json(await Client.DeleteAsync($"{db}/doc/a.txt?rev={second}"), HttpStatusCode.OK);
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc/a.txt"), HttpStatusCode.NotFound, "not_found", "Document is missing attachment");
        Assert.Equal("two", await (await Client.GetAsync($"{db}/doc/a.txt?rev={second}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_documents_revisions_and_attachments_are_404()
    {
        string db = await DbWithText();
        await HttpAssert.Error(await Client.GetAsync($"{db}/nodoc/foo.txt"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc/bar.txt"), HttpStatusCode.NotFound, "not_found", "Document is missing attachment");
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc/foo.txt?rev=1-00000000000000000000000000000000"), HttpStatusCode.NotFound, "not_found", "missing");
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc/_foo.txt"), HttpStatusCode.NotFound, "not_found", "Document is missing attachment");
        string rev = (string)(await DocKit.Get(Client, $"{db}/doc"))["_rev"]!;
        await HttpAssert.Json(await Client.DeleteAsync($"{db}/doc?rev={rev}"), HttpStatusCode.OK);
        await HttpAssert.Error(await Client.GetAsync($"{db}/doc/foo.txt"), HttpStatusCode.NotFound, "not_found", "deleted");
        await HttpAssert.Error(await Client.GetAsync($"{db}/_local/x/foo.txt"), HttpStatusCode.BadRequest, "bad_request", "_local documents do not accept attachments.");
    }

    [Fact]
    public async Task Compressible_types_are_served_gzipped_to_clients_that_accept_it_and_decoded_to_others()
    {
        string db = await DocKit.NewDb(Client);
        byte[] text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 2000)));
        await Put(Client, $"{db}/doc/lorem.txt", text, "text/plain");
        var att = (await DocKit.Get(Client, $"{db}/doc?att_encoding_info=true"))["_attachments"]!["lorem.txt"]!;
        Assert.Equal("gzip", (string?)att["encoding"]);
        long encodedLength = (long)att["encoded_length"]!;
        Assert.True(encodedLength < text.Length / 20, $"encoded_length {encodedLength}");
        Assert.Equal(text.Length, (long)att["length"]!);

        var gzipped = await Get(Client, $"{db}/doc/lorem.txt", h => h.AcceptEncoding.ParseAdd("gzip, deflate"));
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        Assert.Equal(encodedLength, gzipped.Content.Headers.ContentLength);
        Assert.Equal("none", Header(gzipped, "Accept-Ranges"));
        Assert.Equal("", Header(gzipped, "Content-MD5"));
        Assert.Equal(Etag(text), gzipped.Headers.ETag?.ToString());
        using (var gunzip = new GZipStream(await gzipped.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
        {
            var plain = new MemoryStream();
            await gunzip.CopyToAsync(plain);
            Assert.Equal(text, plain.ToArray());
        }

        foreach (string? acceptEncoding in new[] { null, "identity", "gzip;q=0", "*;q=0.5, gzip;q=0" })
        {
            var decoded = await Get(Client, $"{db}/doc/lorem.txt", h =>
            {
                if (acceptEncoding is not null) h.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            });
            Assert.Empty(decoded.Content.Headers.ContentEncoding);
            Assert.Equal(text.Length, decoded.Content.Headers.ContentLength);
            Assert.Equal(text, await decoded.Content.ReadAsByteArrayAsync());
        }
        var star = await Get(Client, $"{db}/doc/lorem.txt", h => h.TryAddWithoutValidation("Accept-Encoding", "*"));
        Assert.Equal(["gzip"], star.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Data_put_gzipped_is_sent_as_is_or_decoded_in_chunks()
    {
        string db = await DocKit.NewDb(Client);
        var sent = new MemoryStream();
        using (var gzip = new GZipStream(sent, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Data);
        var content = Body(sent.ToArray(), "text/plain");
        content.Headers.ContentEncoding.Add("gzip");
        await HttpAssert.Json(await Client.PutAsync($"{db}/doc/foo.txt", content), HttpStatusCode.Created);
        var att = (await DocKit.Get(Client, $"{db}/doc?att_encoding_info=true"))["_attachments"]!["foo.txt"]!;
        Assert.Equal(("gzip", sent.Length, sent.Length), ((string?)att["encoding"], (long)att["length"]!, (long)att["encoded_length"]!));

        var asIs = await Get(Client, $"{db}/doc/foo.txt", h => h.AcceptEncoding.ParseAdd("gzip"));
        Assert.Equal(sent.ToArray(), await asIs.Content.ReadAsByteArrayAsync());
        var decoded = await Client.GetAsync($"{db}/doc/foo.txt");
        Assert.True(decoded.Headers.TransferEncodingChunked);
        Assert.Equal(Data, await decoded.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Streamed_attachments_render_in_the_document_like_inline_ones()
    {
        string db = await DocKit.NewDb(Client);
        string rev = await Put(Client, $"{db}/doc/foo.txt", Data, "text/plain");
        await HttpAssert.Body(await Get(Client, $"{db}/doc?attachments=true", h => h.Accept.ParseAdd("application/json")), HttpStatusCode.OK,
            $$$$"""{"_id":"doc","_rev":"{{{{rev}}}}","_attachments":{"foo.txt":{"content_type":"text/plain","revpos":1,"digest":"{{{{Digest(Data)}}}}","data":"{{{{Convert.ToBase64String(Data)}}}}"}}}""");
    }

    [Fact]
    public async Task A_design_document_attachment_is_read_by_its_plain_path_and_the_encoded_one_redirects()
    {
        string db = await DocKit.NewDb(Client);
        await Put(Client, $"{db}/_design/app/index.html", "<p>"u8.ToArray(), "text/html");
        var response = await Client.GetAsync($"{db}/_design/app/index.html");
        Assert.Equal("<p>", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/html", response.Content.Headers.ContentType?.ToString());
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        noRedirects.DefaultRequestHeaders.Authorization = Client.DefaultRequestHeaders.Authorization;
        var redirect = await noRedirects.GetAsync($"{db}/_design%2Fapp/index.html");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"{server.BaseAddress}{db}/_design/app/index.html", redirect.Headers.Location?.ToString());
    }
}
