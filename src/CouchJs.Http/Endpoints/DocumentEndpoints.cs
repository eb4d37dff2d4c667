using System.Text;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/{db}/{docid}</c> and <c>/{db}/_design/{name}</c> (chttpd_db:db_doc_req): GET/HEAD, PUT, DELETE
/// and COPY, one file per operation. The helpers here are shared with <see cref="LocalDocEndpoints"/>.
/// </summary>
public static partial class DocumentEndpoints
{
    public static Task Handle(CouchRequest r, string db, string docId)
    {
        // Only the %2F form reaches here as a bare "_local"; "/db/_local" names no document.
        if (docId == "_local") throw InvalidLocalId();
        return r.Method switch
        {
            "PUT" => Put(r, db, docId),
            "DELETE" => Delete(r, db, docId),
            "COPY" => Copy(r, db, docId),
            _ => Get(r, db, docId),
        };
    }

    internal static CouchException InvalidLocalId() => CouchException.BadRequest("Invalid _local document id.");

    internal static Rev ParseRev(string text) =>
        Rev.TryParse(text, out var rev) ? rev : throw CouchException.BadRequest("Invalid rev format");

    /// <summary>
    /// chttpd_db:extract_header_rev: the rev given explicitly (query or body) or by <c>If-Match</c>;
    /// both given and different is 400.
    /// </summary>
    internal static Rev? HeaderRev(CouchRequest r, Rev? explicitRev)
    {
        string ifMatch = r.Http.Headers.IfMatch.ToString();
        Rev? etag = ifMatch.Length == 0 ? null : ParseRev(ifMatch.Trim('"'));
        if (explicitRev is null) return etag;
        if (etag is null || etag == explicitRev) return explicitRev;
        throw CouchException.BadRequest("Document rev and etag have different values");
    }

    /// <summary>
    /// chttpd_db:couch_doc_from_req's rev rules: the body's rev must agree with <c>?rev=</c> and
    /// <c>If-Match</c>; without a body rev, the query's or the header's becomes the document's.
    /// </summary>
    internal static void ApplyRequestRev(CouchRequest r, IncomingDoc doc, Rev? queryRev)
    {
        if (doc.HasRev)
        {
            var bodyRev = new Rev(doc.RevPos, doc.RevHashes[0]);
            if (queryRev is { } query && query != bodyRev)
                throw CouchException.BadRequest("Document rev from request body and query string have different values");
            HeaderRev(r, bodyRev);
            return;
        }
        if (HeaderRev(r, queryRev) is { } rev)
        {
            doc.RevPos = rev.Pos;
            doc.RevHashes = [rev.Hash];
        }
    }

    /// <summary>
    /// couch_doc_open: the winner (404 <c>missing</c>, or <c>deleted</c> unless <paramref name="allowDeleted"/>),
    /// or the given revision, deleted or not (404 <c>missing</c> when its body is unknown).
    /// </summary>
    internal static RevLeaf<RevBody> OpenRevision(DbReader reader, string docId, Rev? rev, bool allowDeleted, out DocInfo info)
    {
        info = reader.Get(docId) ?? throw CouchException.NotFound();
        if (rev is { } wanted) return Available(info.Tree.Find(wanted)) ?? throw CouchException.NotFound();
        if (info.Deleted && !allowDeleted) throw CouchException.NotFound("deleted");
        return info.Winner;
    }

    /// <summary>The revision when its body is stored (CouchDB's ?REV_MISSING otherwise: known by id only, or compacted away).</summary>
    internal static RevLeaf<RevBody>? Available(RevLeaf<RevBody>? leaf) =>
        leaf?.Value is { BodyPointer: not RevBody.NoBody } ? leaf : null;

    internal static string Etag(Rev rev) => "\"" + rev + "\"";

    /// <summary>chttpd:etag_match: any of <c>If-None-Match</c>'s comma- or space-separated tags equals <paramref name="etag"/>.</summary>
    internal static bool IfNoneMatch(CouchRequest r, string etag)
    {
        foreach (string tag in r.Http.Headers.IfNoneMatch.ToString().Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            if (tag == etag) return true;
        return false;
    }

    /// <summary>304 with the ETag and no body.</summary>
    internal static void NotModified(CouchRequest r, string etag)
    {
        r.Response.StatusCode = 304;
        r.Response.Headers.ETag = etag;
    }

    /// <summary><c>{"ok":true,"id":…,"rev":…}</c> with the new rev's ETag (and Location when given).</summary>
    internal static Task Updated(CouchRequest r, int status, string id, string rev, string etag, string? location = null)
    {
        r.Response.Headers.ETag = etag;
        if (location is not null) r.Response.Headers.Location = location;
        return JsonResponse.Write(r.Context, status, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteString("id", id);
            w.WriteString("rev", rev);
            w.WriteEndObject();
        });
    }

    /// <summary>The absolute URL of a document, both names escaped as couch_util:url_encode does (<c>/</c> too).</summary>
    internal static string DocumentUrl(CouchRequest r, string db, string docId) =>
        DatabaseEndpoints.AbsoluteUrl(r, UrlEncode(db) + "/" + UrlEncode(docId));

    // Letters, digits and "_.-:" stay; every other UTF-8 byte becomes %XX (uppercase hex).
    internal static string UrlEncode(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'.' or (byte)'-' or (byte)':') result.Append((char)b);
            else result.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return result.ToString();
    }
}
