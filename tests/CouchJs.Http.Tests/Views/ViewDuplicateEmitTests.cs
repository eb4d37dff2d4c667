using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Views;

/// <summary>
/// A document that emits one key several times: couch_mrview keeps those rows as one
/// <c>{dups, Values}</c> entry with the values in Erlang term order, expanded ascending in either
/// direction, and counts offsets by whole entries.
/// </summary>
public sealed class ViewDuplicateEmitTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    private async Task<string> Db()
    {
        string db = await TestDb.Create(Client, "dups");
        await TestDb.BulkDocs(Client, db, """
            [{"_id":"_design/v","views":{"kv":{"map":"function (doc) { (doc.vals || []).forEach(function (v) { emit(doc.k, v); }); }"}}},
             {"_id":"x","k":"k","vals":["a",[1],{},null,3,1,true,false]},
             {"_id":"y","k":"k","vals":[2]},
             {"_id":"w","k":"j","vals":[0]}]
            """);
        return db;
    }

    private static string Rows(string id, params string[] values) =>
        string.Concat(values.Select(v => $"{{\"id\":\"{id}\",\"key\":\"{(id == "w" ? "j" : "k")}\",\"value\":{v}}},\r\n"));

    // Numbers < false < null < true < objects < arrays < strings.
    private static readonly string[] XAscending = ["1", "3", "false", "null", "true", "{}", "[1]", "\"a\""];

    private static string Body(long offset, string rows) =>
        $"{{\"total_rows\":10,\"offset\":{offset},\"rows\":[\r\n{rows.TrimEnd('\n', '\r', ',')}\r\n]}}\n";

    [Fact]
    public async Task Values_come_in_erlang_term_order_in_both_directions()
    {
        string db = await Db();
        Assert.Equal(Body(0, Rows("w", "0") + Rows("x", XAscending) + Rows("y", "2")),
            await Client.GetStringAsync(db + "/_design/v/_view/kv"));
        Assert.Equal(Body(0, Rows("y", "2") + Rows("x", XAscending) + Rows("w", "0")),
            await Client.GetStringAsync(db + "/_design/v/_view/kv?descending=true"));
    }

    [Fact]
    public async Task Skip_counts_rows_and_offset_counts_whole_entries()
    {
        string db = await Db();
        Assert.Equal(Body(1, Rows("x", "3", "false")),
            await Client.GetStringAsync(db + "/_design/v/_view/kv?skip=2&limit=2"));
        Assert.Equal(Body(1, Rows("x", "false", "null")),
            await Client.GetStringAsync(db + "/_design/v/_view/kv?descending=true&skip=3&limit=2"));
        Assert.Equal(Body(1, Rows("x", XAscending)),
            await Client.GetStringAsync(db + "/_design/v/_view/kv?descending=true&key=%22k%22&startkey_docid=x&endkey_docid=x"));
    }
}
