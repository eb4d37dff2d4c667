using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.AllDocs;

public sealed class DesignAndLocalDocsTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Design_docs_list_only_design_ids_and_count_only_design_docs()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "A", "_design/b", "_design/a", "z");
        string body = await Client.GetStringAsync(db + "/_design_docs");
        Assert.Equal(
            "{\"total_rows\":2,\"offset\":0,\"rows\":[\r\n"
            + $"{{\"id\":\"_design/a\",\"key\":\"_design/a\",\"value\":{{\"rev\":\"{revs["_design/a"]}\"}}}},\r\n"
            + $"{{\"id\":\"_design/b\",\"key\":\"_design/b\",\"value\":{{\"rev\":\"{revs["_design/b"]}\"}}}}\r\n"
            + "]}\n",
            body);
        var descending = await HttpAssert.Json(await Client.GetAsync(db + "/_design_docs?descending=true&startkey=%22zzz%22"), HttpStatusCode.OK);
        Assert.Equal(0, (int)descending!["offset"]!);
        Assert.Equal(["_design/b", "_design/a"], descending["rows"]!.AsArray().Select(r => (string?)r!["id"]));
    }

    [Fact]
    public async Task Design_docs_keys_count_only_design_docs()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "_design/x");
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_design_docs", """{"keys":["_design/x","a"]}"""), HttpStatusCode.OK, $$$"""
            {"total_rows":1,"offset":null,"rows":[
              {"id":"_design/x","key":"_design/x","value":{"rev":"{{{revs["_design/x"]}}}"}},
              {"id":"a","key":"a","value":{"rev":"{{{revs["a"]}}}"}}]}
            """);
    }

    [Fact]
    public async Task Local_docs_have_no_counts_and_revs_of_the_form_0_n()
    {
        string db = await TestDb.Create(Client);
        await TestDb.Put(Client, db, "a");
        Assert.Equal(HttpStatusCode.Created, (await Client.PutAsync(db + "/_local/y", TestDb.Json("""{"v":1}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Client.PutAsync(db + "/_local/x", TestDb.Json("""{"v":2}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Client.PutAsync(db + "/_local/x", TestDb.Json("""{"_rev":"0-1","v":3}"""))).StatusCode);
        Assert.Equal(
            "{\"total_rows\":null,\"offset\":null,\"rows\":[\r\n"
            + "{\"id\":\"_local/x\",\"key\":\"_local/x\",\"value\":{\"rev\":\"0-2\"},\"doc\":{\"_id\":\"_local/x\",\"_rev\":\"0-2\",\"v\":3}},\r\n"
            + "{\"id\":\"_local/y\",\"key\":\"_local/y\",\"value\":{\"rev\":\"0-1\"},\"doc\":{\"_id\":\"_local/y\",\"_rev\":\"0-1\",\"v\":1}}\r\n"
            + "]}\n",
            await Client.GetStringAsync(db + "/_local_docs?include_docs=true"));
        await HttpAssert.Body(await Client.GetAsync(db + "/_local_docs?descending=true&skip=1&update_seq=true"), HttpStatusCode.OK,
            """{"total_rows":null,"offset":null,"update_seq":null,"rows":[{"id":"_local/x","key":"_local/x","value":{"rev":"0-2"}}]}""");
        await HttpAssert.Body(await TestDb.Post(Client, db + "/_local_docs", """{"keys":["_local/y","_local/none"]}"""), HttpStatusCode.OK,
            """{"total_rows":null,"offset":null,"rows":[{"id":"_local/y","key":"_local/y","value":{"rev":"0-1"}},{"key":"_local/none","error":"not_found"}]}""");
    }

    [Fact]
    public async Task All_docs_does_not_list_local_docs()
    {
        string db = await TestDb.Create(Client);
        await Client.PutAsync(db + "/_local/x", TestDb.Json("{}"));
        await HttpAssert.Body(await Client.GetAsync(db + "/_all_docs"), HttpStatusCode.OK, """{"total_rows":0,"offset":0,"rows":[]}""");
    }
}
