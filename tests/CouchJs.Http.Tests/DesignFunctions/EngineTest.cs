using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.DesignFunctions;

/// <summary>
/// Base of the design-function tests, each run on both engines: the derived class names the engine
/// <c>language: "javascript"</c> runs on for its server (<c>[query_servers] javascript</c>).
/// </summary>
public abstract class EngineTest
{
    protected EngineTest(CouchServer server, string engine)
    {
        Server = server;
        Engine = engine;
        server.Host.Services.Config.Set("query_servers", "javascript", engine, persist: false);
        Client = server.Client;
    }

    protected CouchServer Server { get; }

    /// <summary><c>jint</c> or <c>v8</c>.</summary>
    protected string Engine { get; }

    /// <summary>Authenticated as the server admin.</summary>
    protected HttpClient Client { get; }

    /// <summary>A fresh database holding <paramref name="designDocs"/>.</summary>
    protected async Task<string> Database(params string[] designDocs)
    {
        string db = await TestDb.Create(Client, "fn");
        foreach (string ddoc in designDocs) Assert.Equal(HttpStatusCode.Created, (await TestDb.Post(Client, db, ddoc)).StatusCode);
        return db;
    }

    protected Task<HttpResponseMessage> Put(string path, string json) => Client.PutAsync(path, TestDb.Json(json));

    protected Task<HttpResponseMessage> Post(string path, string json) => TestDb.Post(Client, path, json);

    protected async Task<string> Rev(string db, string id) => (string)(await HttpAssert.Json(await Client.GetAsync($"{db}/{id}"), HttpStatusCode.OK))!["_rev"]!;

    protected async Task<JsonNode> CreatedRev(HttpResponseMessage response) => (await HttpAssert.Json(response, HttpStatusCode.Created))!;

    protected static async Task<string> Text(HttpResponseMessage response, HttpStatusCode status)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text;
    }

    protected static HttpRequestMessage Request(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
        return request;
    }

    protected static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    protected static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");
}
