using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CouchJs.Http.Tests.Support;

/// <summary>Assertions on CouchDB responses: status, JSON body, CouchDB's headers.</summary>
public static class HttpAssert
{
    public static async Task<JsonNode?> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>The body must equal <paramref name="expectedJson"/> exactly (members, values, array order).</summary>
    public static async Task Body(HttpResponseMessage response, HttpStatusCode status, string expectedJson)
    {
        var actual = await Json(response, status);
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\nactual   {actual?.ToJsonString()}");
    }

    public static Task Error(HttpResponseMessage response, HttpStatusCode status, string error, string reason) =>
        Body(response, status, JsonSerializer.Serialize(new { error, reason }));

    public static void CouchHeaders(HttpResponseMessage response)
    {
        Assert.Equal("must-revalidate", response.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("CouchDB/", response.Headers.Server.ToString());
    }
}
