using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.DesignFunctions.Responses;
using CouchJs.Http.DesignFunctions;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/{db}/_design/{ddoc}/_update/{name}[/{docid…}]</c> (chttpd_show:handle_doc_update_req), any
/// method (GET is the query server's to refuse): the update must exist (404 <c>missing json key: …</c>);
/// its document is the winning revision with its conflicts, or null. When the function returns a
/// document it is written as a PUT would write it (its id checked, validate_doc_update run, a
/// conflict is 409) and the answer is 201 with <c>X-Couch-Update-NewRev</c> and <c>X-Couch-Id</c>
/// (URL-encoded); otherwise 200. A <c>code</c> the function sets wins either way.
/// </summary>
public static class UpdateEndpoints
{
    public static async Task Update(CouchRequest r, string db, string ddocName)
    {
        var (database, ddoc, name, docId, doc, _) = DocFunctionTarget.Resolve(r, db, ddocName, "updates", "update_error");
        var functions = r.Services.DesignFunctions;
        var body = await FunctionRequests.ReadBody(r).ConfigureAwait(false);
        var req = FunctionRequests.Full(r, database, body, docId);
        var (saved, answer) = await functions.Update(database, ddoc, name, doc, req, r.Aborted).ConfigureAwait(false);
        FunctionResponse response;
        if (saved is null) response = FunctionResponse.Parse(answer, initialCode: 200);
        else
        {
            var edit = DocParser.Parse(saved);
            DocIds.Validate(edit.Id ?? "");
            DocumentInput.CheckSize(r, edit);
            DocumentEndpoints.ValidateAttachmentNames(edit);
            var rev = (await database.UpdateDoc(edit).ConfigureAwait(false)).Rev!.Value;
            response = FunctionResponse.Parse(answer, initialCode: 201);
            response.SetHeader("X-Couch-Update-NewRev", rev.ToString());
            response.SetHeader("X-Couch-Id", DocumentEndpoints.UrlEncode(edit.Id!));
        }
        await FunctionResponseWriter.Write(r, response).ConfigureAwait(false);
    }
}
