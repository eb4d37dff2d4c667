using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Views;

/// <summary>
/// A database with the design doc <c>_design/v</c> (JavaScript views) and documents a–f:
/// <c>by_key</c> emits (doc.key, doc.value), <c>sum</c>/<c>count</c>/<c>stats</c> reduce it,
/// <c>by_id</c> emits (doc._id, null), <c>linked</c> emits a <c>{"_id": doc.link}</c> value.
/// It is not autoupdated, so what a test reads with <c>update=false</c> or in <c>_info</c> does not
/// depend on whether the background indexer ran in between (it looks a second after a write).
/// </summary>
internal static class ViewKit
{
    public const string Design = """
        {"_id":"_design/v","language":"javascript","autoupdate":false,"views":{
          "by_key":{"map":"function (doc) { if (doc.key !== undefined) emit(doc.key, doc.value); }"},
          "sum":{"map":"function (doc) { if (doc.key !== undefined) emit(doc.key, doc.value); }","reduce":"_sum"},
          "count":{"map":"function (doc) { if (doc.key !== undefined) emit(doc.key, doc.value); }","reduce":"_count"},
          "js_sum":{"map":"function (doc) { if (doc.key !== undefined) emit(doc.key, doc.value); }","reduce":"function (keys, values, rereduce) { return sum(values); }"},
          "by_id":{"map":"function (doc) { emit(doc._id, null); }"},
          "linked":{"map":"function (doc) { if (doc.link) emit(doc._id, {_id: doc.link}); }"}}}
        """;

    public const string Docs = """
        [{"_id":"a","key":"b","value":1},{"_id":"b","key":"a","value":2},{"_id":"c","key":"c","value":3},
         {"_id":"d","key":"a","value":4},{"_id":"e","key":["x",1],"value":5},{"_id":"f","key":["x",2],"value":6,"link":"a"}]
        """;

    /// <summary>A fresh database holding the design doc and the documents; returns its name.</summary>
    public static async Task<string> Create(HttpClient client)
    {
        string db = await TestDb.Create(client, "view");
        Assert.Equal(HttpStatusCode.Created, (await TestDb.Post(client, db, Design)).StatusCode);
        await TestDb.BulkDocs(client, db, Docs);
        return db;
    }

    public static async Task<JsonNode> Get(HttpClient client, string path, HttpStatusCode status = HttpStatusCode.OK) =>
        (await HttpAssert.Json(await client.GetAsync(path), status))!;

    /// <summary>The ids of a map result's rows.</summary>
    public static string[] Ids(JsonNode result) => [.. result["rows"]!.AsArray().Select(r => (string)r!["id"]!)];
}
