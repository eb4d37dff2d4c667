using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>Requests the security tests repeat: users, security objects, runtime config, clients for a user.</summary>
internal static class SecurityKit
{
    public const string Password = "pw-" + "correct";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A name no other test uses (users and their lockout counts are per name).</summary>
    public static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    public static string BasicToken(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    /// <summary>A client that sends Basic credentials for <paramref name="user"/>.</summary>
    public static HttpClient As(CouchServer server, string user, string password = Password)
    {
        var client = server.NewClient(authenticated: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", BasicToken(user, password));
        return client;
    }

    /// <summary>A client that neither keeps cookies nor follows redirects: cookies and Location are checked by hand.</summary>
    public static HttpClient Raw(CouchServer server) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

    /// <summary>Creates <c>org.couchdb.user:NAME</c> as the server admin.</summary>
    public static async Task CreateUser(CouchServer server, string name, string password = Password, params string[] roles)
    {
        var doc = new JsonObject
        {
            ["name"] = name,
            ["password"] = password,
            ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]),
            ["type"] = "user",
        };
        var response = await server.Client.PutAsync("_users/org.couchdb.user:" + name, Json(doc.ToJsonString()));
        await HttpAssert.Json(response, HttpStatusCode.Created);
    }

    public static async Task<string> NewDb(CouchServer server, string? security = null)
    {
        string name = CouchServer.NewDbName("sec");
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PutAsync(name, null)).StatusCode);
        if (security is not null) await SetSecurity(server, name, security);
        return name;
    }

    public static async Task SetSecurity(CouchServer server, string db, string security) =>
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PutAsync(db + "/_security", Json(security))).StatusCode);

    /// <summary>Changes a setting for this run only (<c>X-Couch-Persist: false</c>); null deletes it.</summary>
    public static async Task Config(CouchServer server, string section, string key, string? value)
    {
        using var request = new HttpRequestMessage(value is null ? HttpMethod.Delete : HttpMethod.Put, $"_node/_local/_config/{section}/{Uri.EscapeDataString(key)}");
        request.Headers.Add("X-Couch-Persist", "false");
        if (value is not null) request.Content = Json(JsonValue.Create(value).ToJsonString());
        var response = await server.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode || (value is null && response.StatusCode == HttpStatusCode.NotFound),
            $"config {section}/{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<string> PutDoc(CouchServer server, string path, string json)
    {
        var body = await HttpAssert.Json(await server.Client.PutAsync(path, Json(json)), HttpStatusCode.Created);
        return (string)body!["rev"]!;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? json = null) =>
        new(method, path) { Content = json is null ? null : Json(json) };
}
