using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Changes;
using CouchJs.Database.Mango;
using CouchJs.DesignFunctions.Designs;
using CouchJs.Http.DesignFunctions;

namespace CouchJs.Http.Changes;

/// <summary>
/// The <c>filter</c> parameter (couch_changes:configure_filter): built-in <c>_doc_ids</c>,
/// <c>_selector</c>, <c>_design</c>, <c>_view</c> (a view's map function as the filter), or
/// <c>ddoc/name</c> for a design document's filter function, which gets the request object too.
/// Design documents are checked as CouchDB checks them, so a missing document or function gets
/// CouchDB's 404 before the feed starts.
/// </summary>
internal static class ChangesFilters
{
    public static ChangesFilter Parse(CouchRequest r, CouchDatabase db, JsonElement? body)
    {
        string name = r.Query("filter") ?? "";
        switch (name)
        {
            case "_doc_ids":
                return ChangesFilter.DocIds(DocIds(r, body), r.Services.Config.GetInt("couchdb", "changes_doc_ids_optimization_threshold", 1000));
            case "_selector":
                return MatchingSelector(r, body);
            case "_design":
                return ChangesFilter.DesignDocs;
            case "_view":
                string view = r.Query("view") ?? "";
                if (view.Length == 0) throw CouchException.BadRequest("`view` filter parameter is not provided.");
                var viewParts = Parts(view);
                if (viewParts.Length != 2) throw CouchException.BadRequest("`view` must be of the form `designname/viewname`");
                var viewDdoc = Function(r, db, viewParts[0], "views", viewParts[1]);
                return r.Services.DesignFunctions.ViewFilter(db, viewDdoc, viewParts[1], r.Aborted);
            default:
                if (name.StartsWith('_')) throw CouchException.BadRequest("unknown builtin filter name");
                var parts = Parts(name);
                if (parts.Length == 0) return ChangesFilter.None;
                if (parts.Length != 2) throw CouchException.BadRequest("`filter` must be of the form `designname/filtername`");
                var ddoc = Function(r, db, parts[0], "filters", parts[1]);
                var req = FunctionRequests.Full(r, db, RequestBody(r, body), null);
                return r.Services.DesignFunctions.Filter(db, ddoc, parts[1], req, r.Aborted);
        }
    }

    // GET: the doc_ids parameter (JSON); POST: the body's doc_ids member.
    private static List<string> DocIds(CouchRequest r, JsonElement? body)
    {
        JsonElement? ids;
        if (r.Method == "POST") ids = body is { } obj && obj.TryGetProperty("doc_ids", out var member) ? member : null;
        else ids = ParseParameter(r.Query("doc_ids") ?? "null");
        if (ids is not { ValueKind: JsonValueKind.Array } array) throw NotDocIds();
        var list = new List<string>(array.GetArrayLength());
        foreach (var id in array.EnumerateArray())
            list.Add(id.ValueKind == JsonValueKind.String ? id.GetString()! : throw NotDocIds());
        return list;
    }

    private static ChangesFilter MatchingSelector(CouchRequest r, JsonElement? body)
    {
        if (r.Method != "POST") throw CouchException.BadRequest("Selector must be specified in POST payload");
        if (body is not { } obj || !obj.TryGetProperty("selector", out var selector) || selector.ValueKind != JsonValueKind.Object)
            throw CouchException.BadRequest("Selector error: expected a JSON object");
        Fields? fields = null;
        try
        {
            var parsed = Selector.Parse(selector);
            if (obj.TryGetProperty("fields", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array) throw CouchException.BadRequest("Selector error: fields must be JSON array");
                fields = Fields.Parse(list);
            }
            return ChangesFilter.Matching(parsed, fields);
        }
        catch (CouchException error) when (error.Error != "bad_request")
        {
            // check_selector / check_fields report Mango's reason as a bad request.
            throw CouchException.BadRequest(error.Reason);
        }
    }

    // couch_changes:open_ddoc (404 missing / deleted) and check_member_exists ([section, function]).
    private static DesignDoc Function(CouchRequest r, CouchDatabase db, string ddocName, string section, string function)
    {
        var ddoc = r.Services.DesignFunctions.Designs.Current(db).Get("_design/" + ddocName);
        ddoc.Require(section, function);
        return ddoc;
    }

    // The req object's body: a POST's JSON as sent (empty when none), nothing for a GET.
    private static byte[]? RequestBody(CouchRequest r, JsonElement? body) =>
        r.Method == "POST" ? (body is { } json ? Encoding.UTF8.GetBytes(json.GetRawText()) : []) : null;

    private static CouchException NotDocIds() => CouchException.BadRequest("`doc_ids` filter parameter is not a list of doc ids.");

    // string:tokens on '/', each part URL-unquoted once more, as couch_changes does.
    private static string[] Parts(string name) =>
        [.. name.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];

    private static JsonElement ParseParameter(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw CouchException.BadRequest("invalid UTF-8 JSON");
        }
    }
}
