using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Maintenance;

/// <summary>Requests the maintenance tests share.</summary>
internal static class MaintenanceKit
{
    public static async Task<string> NewDb(HttpClient client)
    {
        string name = CouchServer.NewDbName("maint");
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsync(name, null)).StatusCode);
        return name;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A body with no content type at all.</summary>
    public static ByteArrayContent Untyped(string text) => new(Encoding.UTF8.GetBytes(text));

    public static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) => client.PostAsync(path, Json(json));

    public static Task<HttpResponseMessage> Put(HttpClient client, string path, string json) => client.PutAsync(path, Json(json));

    public static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, HttpContent? content = null) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = content });

    /// <summary>PUTs a document; returns its new rev.</summary>
    public static async Task<string> PutDoc(HttpClient client, string db, string id, string json)
    {
        var body = await HttpAssert.Json(await Put(client, $"{db}/{Uri.EscapeDataString(id)}", json), HttpStatusCode.Created);
        return (string)body!["rev"]!;
    }

    public static async Task<JsonNode> Get(HttpClient client, string path) =>
        (await HttpAssert.Json(await client.GetAsync(path), HttpStatusCode.OK))!;

    /// <summary>The body text of a 200 GET (sent with <paramref name="accept"/> when given), for comparing whole responses.</summary>
    public static async Task<string> GetText(HttpClient client, string path, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>Waits (up to 30 s) until the database reports no compaction running.</summary>
    public static async Task WaitForCompaction(HttpClient client, string db)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((bool)(await Get(client, db))["compact_running"]!)
        {
            Assert.True(DateTime.UtcNow < deadline, "compaction did not finish in 30 s");
            await Task.Delay(20);
        }
    }
}
