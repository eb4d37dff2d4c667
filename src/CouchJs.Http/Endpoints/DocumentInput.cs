using CouchJs.Database;
using CouchJs.Database.Documents;

namespace CouchJs.Http.Endpoints;

/// <summary>Turns a request body into a document to write: parse, id, and <c>max_document_size</c>.</summary>
public static class DocumentInput
{
    public static IncomingDoc Parse(CouchRequest r, ReadOnlySpan<byte> json, string? idFromUrl = null)
    {
        var doc = DocParser.Parse(json);
        if (idFromUrl is not null) doc.Id = idFromUrl;
        doc.Id ??= r.Services.Uuids.Next();
        CheckSize(r, doc);
        return doc;
    }

    /// <summary>413 <c>document_too_large</c> when the body exceeds <c>[couchdb] max_document_size</c>.</summary>
    public static void CheckSize(CouchRequest r, IncomingDoc doc) => CheckSize(doc, MaxDocumentSize(r));

    public static void CheckSize(IncomingDoc doc, long maxSize)
    {
        if (doc.Body.Length > maxSize) throw new CouchException(413, "document_too_large", doc.Id ?? "");
    }

    public static long MaxDocumentSize(CouchRequest r) => r.Services.Config.GetLong("couchdb", "max_document_size", 8_000_000);
}
