using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Documents;

/// <summary>Requests the document tests repeat: a fresh database, PUTs that must succeed, conflicting revisions.</summary>
internal static class DocKit
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<string> NewDb(HttpClient client)
    {
        string name = CouchServer.NewDbName("docs");
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsync(name, null)).StatusCode);
        return name;
    }

    /// <summary>PUTs a document that must be created; returns its new rev.</summary>
    public static async Task<string> Put(HttpClient client, string path, string json)
    {
        var body = await HttpAssert.Json(await client.PutAsync(path, Json(json)), HttpStatusCode.Created);
        return (string)body!["rev"]!;
    }

    /// <summary>Stores a revision as replication does (<c>new_edits=false</c>), making conflicts at will (a deletion answers 200).</summary>
    public static async Task Replicate(HttpClient client, string path, string json)
    {
        var status = (await client.PutAsync(path + "?new_edits=false", Json(json))).StatusCode;
        Assert.Equal(json.Contains("\"_deleted\":true", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Created, status);
    }

    public static async Task<JsonNode> Get(HttpClient client, string path, string? accept = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return (await HttpAssert.Json(await client.SendAsync(request), HttpStatusCode.OK))!;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? accept = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    public static HttpMethod Copy { get; } = new("COPY");
}
