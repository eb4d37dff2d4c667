using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Revisions;
using Microsoft.AspNetCore.WebUtilities;

namespace CouchJs.Http.Endpoints;

// A _bulk_get request's parts, read as chttpd_db's bulk_get_parse_doc_query and bulk_get_parse_arg do:
// a bad entry becomes that entry's error, never the whole request's.
public static partial class BulkEndpoints
{
    /// <summary>
    /// One entry of the request: the document and revision it asks for (none: every leaf), the
    /// revisions whose attachments it already has, or the error that stops it (chttpd_db:bulk_get_parse_arg).
    /// </summary>
    private sealed record BulkGetArg(string? Id, Rev? Rev, IReadOnlyList<Rev>? AttsSince, BulkGetError? Error);

    /// <summary>chttpd_db's error map; <paramref name="RevJson"/> is the rev as sent (any JSON value), <c>null</c>, or <c>"undefined"</c>.</summary>
    private sealed record BulkGetError(string? Id, string RevJson, string Error, string Reason);

    // The document query parameters apply to every entry; those that name revisions are refused.
    private static DocQuery BulkGetQuery(CouchRequest r)
    {
        foreach (var pair in new QueryStringEnumerable(r.Http.QueryString.Value))
        {
            string name = pair.DecodeName().ToString();
            if (name is "open_revs" or "new_edits" or "w" or "rev" or "atts_since")
                throw CouchException.BadRequest($"\"{name}\" query parameter is not acceptable");
        }
        return DocQuery.Parse(r);
    }

    private static BulkGetArg ParseBulkGetArg(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.EnumerateObject().MoveNext())
            return Failed(null, "null", "bad_request", "document must be a JSON object");
        if (!entry.TryGetProperty("id", out var idValue) || idValue.ValueKind != JsonValueKind.String)
            return Failed(null, "null", "bad_request", "document id missed");
        string id = idValue.GetString()!;
        try
        {
            DocIds.Validate(id);
        }
        catch (CouchException error)
        {
            return Failed(id, "null", error.Error, error.Reason);
        }
        Rev? rev = null;
        if (entry.TryGetProperty("rev", out var revValue))
        {
            if (ParseRevValue(revValue) is not { } parsed) return Failed(id, revValue.GetRawText(), "bad_request", "Invalid rev format");
            rev = parsed;
        }
        if (!entry.TryGetProperty("atts_since", out var since)) return new BulkGetArg(id, rev, null, null);
        if (since.ValueKind != JsonValueKind.Array) return Failed(id, since.GetRawText(), "bad_request", "att_since value must be array of revs.");
        var attsSince = new List<Rev>();
        foreach (var item in since.EnumerateArray())
        {
            if (ParseRevValue(item) is not { } parsed) return Failed(id, item.GetRawText(), "bad_request", "Invalid rev format");
            attsSince.Add(parsed);
        }
        return new BulkGetArg(id, rev, attsSince.Count > 0 ? attsSince : null, null);

        static BulkGetArg Failed(string? id, string revJson, string error, string reason) =>
            new(id, null, null, new BulkGetError(id, revJson, error, reason));
    }

    private static Rev? ParseRevValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && Rev.TryParse(value.GetString(), out var rev) ? rev : null;
}
