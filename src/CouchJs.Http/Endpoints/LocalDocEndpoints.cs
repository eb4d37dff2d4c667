using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/{db}/_local/{id}</c>: documents that are never replicated nor in <c>_changes</c>. Revisions
/// are <c>0-N</c>; they render as <c>{"_id","_rev",…body}</c> and take the same rev rules as other
/// documents (body, <c>?rev=</c>, <c>If-Match</c>). COPY is shared with <see cref="DocumentEndpoints"/>.
/// </summary>
public static class LocalDocEndpoints
{
    public static Task Handle(CouchRequest r, string db, string docId)
    {
        if (docId == DocIds.LocalPrefix) throw DocumentEndpoints.InvalidLocalId();
        return r.Method switch
        {
            "PUT" => Put(r, db, docId),
            "DELETE" => Delete(r, db, docId),
            "COPY" => DocumentEndpoints.Copy(r, db, docId),
            _ => Get(r, db, docId),
        };
    }

    /// <summary>The stored local document; 404 <c>missing</c> when absent or when <paramref name="rev"/> is not its rev.</summary>
    internal static LocalDoc Open(DbReader reader, string docId, Rev? rev)
    {
        var doc = reader.GetLocal(docId);
        if (doc is null || (rev is { } wanted && wanted.ToString() != RevString(doc.Rev))) throw CouchException.NotFound();
        return doc;
    }

    private static Task Get(CouchRequest r, string dbName, string docId)
    {
        var db = DatabaseEndpoints.Open(r, dbName);
        var query = DocQuery.Parse(r);
        LocalDoc doc;
        using (var reader = db.OpenReader()) doc = Open(reader, docId, query.Rev);
        string rev = RevString(doc.Rev);
        string etag = Etag(rev, doc.Body);
        if (DocumentEndpoints.IfNoneMatch(r, etag))
        {
            DocumentEndpoints.NotModified(r, etag);
            return Task.CompletedTask;
        }
        r.Response.Headers.ETag = etag;
        return JsonResponse.WriteRaw(r.Context, 200, Render(docId, rev, doc.Body));
    }

    private static async Task Put(CouchRequest r, string dbName, string docId)
    {
        var db = DatabaseEndpoints.Open(r, dbName);
        var query = DocQuery.Parse(r);
        DocIds.Validate(docId);
        var doc = DocumentInput.Parse(r, await r.ReadBody().ConfigureAwait(false), docId);
        DocumentEndpoints.ApplyRequestRev(r, doc, query.Rev);
        string? rev = doc.HasRev ? new Rev(doc.RevPos, doc.RevHashes[0]).ToString() : null;
        if (r.Query("batch") == "ok")
        {
            _ = db.UpdateLocal(docId, rev, doc.Deleted, doc.Body);
            await JsonResponse.Accepted(r.Context, docId).ConfigureAwait(false);
            return;
        }
        string newRev = await db.UpdateLocal(docId, rev, doc.Deleted, doc.Body).ConfigureAwait(false);
        await DocumentEndpoints.Updated(r, doc.Deleted ? 200 : 201, docId, newRev, Etag(newRev, doc.Body),
            DocumentEndpoints.DocumentUrl(r, dbName, docId)).ConfigureAwait(false);
    }

    private static async Task Delete(CouchRequest r, string dbName, string docId)
    {
        var db = DatabaseEndpoints.Open(r, dbName);
        using (var reader = db.OpenReader()) Open(reader, docId, null);
        string? queryRev = r.Query("rev");
        var rev = DocumentEndpoints.HeaderRev(r, queryRev is null ? null : DocumentEndpoints.ParseRev(queryRev));
        string newRev = await db.UpdateLocal(docId, rev?.ToString(), delete: true, "{}"u8.ToArray()).ConfigureAwait(false);
        await DocumentEndpoints.Updated(r, 200, docId, newRev, Etag(newRev, "{}"u8)).ConfigureAwait(false);
    }

    private static string RevString(long rev) => "0-" + rev.ToString(CultureInfo.InvariantCulture);

    internal static byte[] Render(string docId, string rev, byte[] body)
    {
        var buffer = new ArrayBufferWriter<byte>(body.Length + docId.Length + 48);
        using (var w = new Utf8JsonWriter(buffer, CouchJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("_id", docId);
            w.WriteString("_rev", rev);
            w.Flush();
            // The stored body is compact JSON: its members are spliced in as they are.
            if (body.Length > 2)
            {
                buffer.Write(","u8);
                buffer.Write(body.AsSpan(1, body.Length - 2));
            }
        }
        buffer.Write("}"u8);
        return buffer.WrittenSpan.ToArray();
    }

    // CouchDB tags local docs with an md5 of rev and body in base 36 (couch_httpd:doc_etag), not with the rev.
    private static string Etag(string rev, ReadOnlySpan<byte> body)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(Encoding.UTF8.GetBytes(rev));
        md5.AppendData(body);
        return Md5ETag.Format(md5.GetHashAndReset());
    }
}
