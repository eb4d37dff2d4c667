using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Revisions;
using CouchJs.Database.Writing;
using CouchJs.Http.Queries;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

public static partial class BulkEndpoints
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4096 };

    /// <summary>
    /// POST /{db}/_bulk_docs (chttpd_db): <c>{"docs":[…],"new_edits":bool}</c>. Every document is parsed
    /// and checked first (one bad document fails the request), then all are written by one
    /// <see cref="CouchDatabase.UpdateDocs"/> call, which the writer group-commits. 201 with one result
    /// per document in order; with <c>new_edits=false</c> only the failures, as CouchDB answers
    /// replicated writes.
    /// </summary>
    public static async Task BulkDocs(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        List<IncomingDoc> docs;
        bool newEdits;
        using (var body = await r.ReadJsonBodyPooled(requireJsonType: true).ConfigureAwait(false))
            (docs, newEdits) = ReadBulkDocs(body.Span);
        long maxSize = DocumentInput.MaxDocumentSize(r);
        foreach (var doc in docs)
        {
            DocumentInput.CheckSize(doc, maxSize);
            if (!newEdits && !doc.HasRev)
                throw CouchException.BadRequest("When `new_edits: false`, the document needs `_rev` or `_revisions` specified");
            DocumentEndpoints.ValidateAttachmentNames(doc);
            doc.Id ??= r.Services.Uuids.Next();
        }
        var results = docs.Count == 0 ? [] : await database.UpdateDocs(docs, newEdits).ConfigureAwait(false);
        await JsonResponse.Write(r.Context, 201, w => WriteBulkResults(w, docs, results, newEdits)).ConfigureAwait(false);
    }

    private static void WriteBulkResults(Utf8JsonWriter w, List<IncomingDoc> docs, DocUpdateResult[] results, bool newEdits)
    {
        w.WriteStartArray();
        for (int i = 0; i < results.Length; i++)
        {
            var result = results[i];
            if (result.Error is { } error)
            {
                w.WriteStartObject();
                w.WriteString("id", result.Id);
                // A replicated write's failure names the revision it carried (chttpd_db:update_doc_result_to_json/1).
                if (!newEdits) w.WriteString("rev", new Rev(docs[i].RevPos, docs[i].RevHashes[0]).ToString());
                w.WriteString("error", error.Error);
                error.WriteReason(w);
                w.WriteEndObject();
            }
            else if (newEdits)
            {
                w.WriteStartObject();
                w.WriteBoolean("ok", true);
                w.WriteString("id", result.Id);
                w.WriteString("rev", result.Rev!.Value.ToString());
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
    }

    // The body is read with one Utf8JsonReader, each element of `docs` handed to DocParser where it
    // lies: no tree of the whole body is built. A document error met before a JSON syntax error
    // further on still reports the syntax error, as CouchDB decodes the whole body first.
    private static (List<IncomingDoc> Docs, bool NewEdits) ReadBulkDocs(ReadOnlySpan<byte> body)
    {
        try
        {
            return ParseBulkDocs(body);
        }
        catch (JsonException)
        {
            throw DocParser.InvalidJson();
        }
        catch (CouchException) when (!IsJson(body))
        {
            throw DocParser.InvalidJson();
        }
    }

    private static (List<IncomingDoc> Docs, bool NewEdits) ParseBulkDocs(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read()) throw DocParser.InvalidJson();
        if (reader.TokenType != JsonTokenType.StartObject) throw JsonBody.NotAnObject();
        List<IncomingDoc>? docs = null;
        bool hasDocs = false;
        var newEdits = JsonTokenType.True;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isDocs = reader.ValueTextEquals("docs"u8);
            bool isNewEdits = reader.ValueTextEquals("new_edits"u8);
            reader.Read();
            if (isDocs && reader.TokenType == JsonTokenType.StartArray)
            {
                hasDocs = true;
                docs = ReadDocs(ref reader, body);
                continue;
            }
            if (isDocs)
            {
                hasDocs = true;
                docs = null;
            }
            if (isNewEdits) newEdits = reader.TokenType;
            reader.Skip();
        }
        // Nothing may follow the object (the reader throws on anything but whitespace).
        if (reader.Read()) throw DocParser.InvalidJson();
        if (!hasDocs) throw CouchException.BadRequest("POST body must include `docs` parameter.");
        if (docs is null) throw CouchException.BadRequest("`docs` parameter must be an array.");
        if (newEdits is not (JsonTokenType.True or JsonTokenType.False))
            throw CouchException.BadRequest("`new_edits` parameter must be a boolean.");
        return (docs, newEdits == JsonTokenType.True);
    }

    private static List<IncomingDoc> ReadDocs(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        var docs = new List<IncomingDoc>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) docs.Add(DocParser.ParseObject(ref reader, body));
        return docs;
    }

    private static bool IsJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            bool any = false;
            while (reader.Read()) any = true;
            return any;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
