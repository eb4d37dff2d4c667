using CouchJs.Database;
using CouchJs.Http.DesignFunctions;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/{db}/_design/{ddoc}/_show/{name}[/{docid…}]</c> (chttpd_show:handle_doc_show_req), any method:
/// the show must exist in the design doc (404 <c>missing json key: …</c>); its document is the winning
/// revision with its conflicts, or null when there is none (missing or deleted; a docid may hold
/// slashes). The answer carries an ETag made from the design doc's rev, the document's rev, the
/// Accept header and the user, with <c>Vary: Accept</c>, and a matching If-None-Match is 304 without
/// running the function.
/// </summary>
public static class ShowEndpoints
{
    public static async Task Show(CouchRequest r, string db, string ddocName)
    {
        var (database, ddoc, name, docId, doc, docRev) = DocFunctionTarget.Resolve(r, db, ddocName, "shows", "show_error");
        var functions = r.Services.DesignFunctions;
        string etag = FunctionETag.Of(r, ddoc.Rev, docRev);
        if (DocumentEndpoints.IfNoneMatch(r, etag))
        {
            DocumentEndpoints.NotModified(r, etag);
            return;
        }
        var body = await FunctionRequests.ReadBody(r).ConfigureAwait(false);
        var req = FunctionRequests.Full(r, database, body, docId);
        var response = await functions.Show(database, ddoc, name, doc, req, r.Aborted).ConfigureAwait(false);
        response.SetHeader("ETag", etag);
        response.SetHeader("Vary", "Accept");
        await FunctionResponseWriter.Write(r, response).ConfigureAwait(false);
    }
}
