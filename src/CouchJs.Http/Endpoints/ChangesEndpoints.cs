using System.Text.Json;
using CouchJs.Database;
using CouchJs.Http.Changes;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>GET|POST /{db}/_changes</c> (chttpd_db:handle_changes_req): a POST body (JSON,
/// <c>doc_ids</c>/<c>selector</c>/<c>fields</c>) is read first, then the parameters and the filter,
/// then the feed runs: <c>normal</c> in one pass (ChangesEndpoints.Normal.cs), <c>longpoll</c>,
/// <c>continuous</c> and <c>eventsource</c> pass after pass as commits arrive (ChangesEndpoints.Live.cs).
/// </summary>
public static partial class ChangesEndpoints
{
    public static async Task Changes(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        var body = r.Method == "POST" ? await ReadBody(r).ConfigureAwait(false) : null;
        var query = ChangesQuery.Parse(r, database, body);
        if (query.Feed == FeedKind.Normal) await Normal(r, database, query).ConfigureAwait(false);
        else await Live(r, database, query).ConfigureAwait(false);
    }

    // An empty body is allowed (no doc_ids, no selector); anything else must be a JSON object.
    private static async Task<JsonElement?> ReadBody(CouchRequest r)
    {
        var bytes = await r.ReadJsonBody(requireJsonType: true).ConfigureAwait(false);
        if (bytes.Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = CouchJson.ReaderOptions.MaxDepth });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw CouchException.BadRequest("Request body must be a JSON object");
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw CouchException.BadRequest("invalid UTF-8 JSON");
        }
    }
}
