using System.Text;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Http.Multipart;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

public static partial class DocumentEndpoints
{
    /// <summary>
    /// PUT of a document (chttpd_db:db_doc_req PUT): a JSON body, or multipart/related with the
    /// attachments marked <c>follows</c> in the parts after the JSON. 201 (200 for a deletion) with
    /// ETag and Location; <c>batch=ok</c> answers 202 before the write; <c>new_edits=false</c> stores
    /// the given revision as replication does.
    /// </summary>
    private static async Task Put(CouchRequest r, string dbName, string docId)
    {
        var db = DatabaseEndpoints.Open(r, dbName);
        var query = DocQuery.Parse(r);
        DocIds.Validate(docId);
        if (RelatedReader.TryGetBoundary(r.Http.ContentType, out string boundary))
        {
            await PutRelated(r, db, dbName, docId, query, boundary).ConfigureAwait(false);
            return;
        }
        var doc = ReadDocument(r, await r.ReadBody().ConfigureAwait(false), docId, query);
        if (r.Query("batch") == "ok")
        {
            _ = db.UpdateDocs([doc], query.NewEdits);
            await JsonResponse.Accepted(r.Context, docId).ConfigureAwait(false);
            return;
        }
        await WriteDocument(r, db, dbName, doc, query).ConfigureAwait(false);
    }

    // The JSON part first, then each attachment part streamed into the file; the document is written after the last.
    private static async Task PutRelated(CouchRequest r, CouchDatabase db, string dbName, string docId, DocQuery query, string boundary)
    {
        CheckRequestLength(r);
        var parts = new RelatedReader(r.Http.Body, boundary);
        var doc = ReadDocument(r, await parts.ReadJson(r.Aborted).ConfigureAwait(false), docId, query);
        try
        {
            await parts.ReadAttachments(db, doc.Attachments ?? [], r.Aborted).ConfigureAwait(false);
            await WriteDocument(r, db, dbName, doc, query).ConfigureAwait(false);
        }
        finally
        {
            foreach (var att in doc.Attachments ?? []) att.Upload?.Dispose();
        }
    }

    private static async Task WriteDocument(CouchRequest r, CouchDatabase db, string dbName, IncomingDoc doc, DocQuery query)
    {
        var rev = (await db.UpdateDoc(doc, query.NewEdits).ConfigureAwait(false)).Rev!.Value;
        await Updated(r, doc.Deleted ? 200 : 201, doc.Id!, rev.ToString(), Etag(rev), DocumentUrl(r, dbName, doc.Id!)).ConfigureAwait(false);
    }

    private static IncomingDoc ReadDocument(CouchRequest r, byte[] json, string docId, DocQuery query)
    {
        var doc = DocumentInput.Parse(r, json, docId);
        ValidateAttachmentNames(doc);
        ApplyRequestRev(r, doc, query.Rev);
        if (!query.NewEdits && !doc.HasRev)
            throw CouchException.BadRequest("When `new_edits: false`, the document needs `_rev` or `_revisions` specified");
        return doc;
    }

    // chttpd_db:validate_attachment_names.
    internal static void ValidateAttachmentNames(IncomingDoc doc)
    {
        foreach (var att in doc.Attachments ?? []) ValidateAttachmentName(att.Name);
    }

    // chttpd_db:validate_attachment_name.
    internal static void ValidateAttachmentName(string name)
    {
        if (name.StartsWith('_')) throw CouchException.BadRequest($"Attachment name '{name}' starts with prohibited character '_'");
        if (!IsValidUtf16(name)) throw CouchException.BadRequest("Attachment name is not UTF-8 encoded");
    }

    // A lone surrogate is what invalid UTF-8 in a JSON string leaves behind.
    private static bool IsValidUtf16(string text)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    // couch_httpd:check_max_request_length: a multipart body is streamed, so only its declared length is checked.
    private static void CheckRequestLength(CouchRequest r)
    {
        long limit = r.Services.Config.GetLong("chttpd", "max_http_request_size", 4_294_967_296);
        if (r.Http.ContentLength > limit) throw new CouchException(413, "too_large", "the request entity is too large");
    }
}
