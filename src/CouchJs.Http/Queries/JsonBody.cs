using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;

namespace CouchJs.Http.Queries;

/// <summary>A request body that must be a JSON object (chttpd:json_body_obj), with CouchDB's errors.</summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4096 };

    /// <summary>Reads and parses the body; with <paramref name="requireJsonType"/> a non-JSON content type is 415.</summary>
    public static async Task<JsonDocument> ReadObject(CouchRequest r, bool requireJsonType)
    {
        var body = await r.ReadJsonBody(requireJsonType).ConfigureAwait(false);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            throw DocParser.InvalidJson();
        }
        if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
        doc.Dispose();
        throw NotAnObject();
    }

    public static CouchException NotAnObject() => CouchException.BadRequest("Request body must be a JSON object");
}
