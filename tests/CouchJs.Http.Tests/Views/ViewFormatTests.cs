using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Views;

public sealed class ViewFormatTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Map_rows_are_streamed_with_couchdbs_exact_bytes()
    {
        string db = await ViewKit.Create(Client);
        var response = await Client.GetAsync(db + "/_design/v/_view/by_key?limit=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HttpAssert.CouchHeaders(response);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(
            "{\"total_rows\":6,\"offset\":0,\"rows\":[\r\n"
            + "{\"id\":\"b\",\"key\":\"a\",\"value\":2},\r\n"
            + "{\"id\":\"d\",\"key\":\"a\",\"value\":4}\r\n"
            + "]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reduce_rows_have_no_totals()
    {
        string db = await ViewKit.Create(Client);
        Assert.Equal("{\"rows\":[\r\n{\"key\":null,\"value\":21}\r\n]}\n", await Client.GetStringAsync(db + "/_design/v/_view/sum"));
        Assert.Equal(
            "{\"rows\":[\r\n{\"key\":\"a\",\"value\":6},\r\n{\"key\":\"b\",\"value\":1}\r\n]}\n",
            await Client.GetStringAsync(db + "/_design/v/_view/sum?group=true&limit=2"));
        Assert.Equal("{\"rows\":[\r\n\r\n]}\n", await Client.GetStringAsync(db + "/_design/v/_view/sum?key=%22none%22"));
    }

    [Fact]
    public async Task Empty_views_and_update_seq_meta()
    {
        string db = await ViewKit.Create(Client);
        Assert.Equal("{\"total_rows\":6,\"offset\":6,\"rows\":[\r\n\r\n]}\n", await Client.GetStringAsync(db + "/_design/v/_view/by_key?startkey=%7B%7D"));
        string map = await Client.GetStringAsync(db + "/_design/v/_view/by_key?update_seq=true&limit=0");
        Assert.Matches("^\\{\"total_rows\":6,\"offset\":0,\"update_seq\":\"7-[^\"]+\",\"rows\":\\[\r\n\r\n\\]\\}\n$", map);
        string reduce = await Client.GetStringAsync(db + "/_design/v/_view/count?update_seq=true");
        Assert.Matches("^\\{\"update_seq\":\"7-[^\"]+\",\"rows\":\\[\r\n\\{\"key\":null,\"value\":6\\}\r\n\\]\\}\n$", reduce);
    }

    [Fact]
    public async Task ETag_follows_the_index_and_the_query_and_answers_304()
    {
        string db = await ViewKit.Create(Client);
        string path = db + "/_design/v/_view/by_key?limit=1";
        var first = await Client.GetAsync(path);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("", await notModified.Content.ReadAsStringAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        Assert.NotEqual(etag, (await Client.GetAsync(db + "/_design/v/_view/by_key?limit=2")).Headers.ETag);
        await Bulk.TestDb.Put(Client, db, "g");
        var changed = new HttpRequestMessage(HttpMethod.Get, path);
        changed.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(changed)).StatusCode);
    }

    [Fact]
    public async Task Head_answers_headers_only()
    {
        string db = await ViewKit.Create(Client);
        var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, db + "/_design/v/_view/by_key"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Include_docs_follows_an_id_link_in_the_value()
    {
        string db = await ViewKit.Create(Client);
        var result = await ViewKit.Get(Client, db + "/_design/v/_view/linked?include_docs=true");
        var row = result["rows"]![0]!;
        Assert.Equal("f", (string)row["id"]!);
        Assert.Equal("a", (string)row["doc"]!["_id"]!);
        var plain = await ViewKit.Get(Client, db + "/_design/v/_view/by_key?include_docs=true&key=%22c%22");
        Assert.Equal(3, (int)plain["rows"]![0]!["doc"]!["value"]!);
    }
}
