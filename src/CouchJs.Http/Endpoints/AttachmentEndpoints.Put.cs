using System.Globalization;
using CouchJs.Database;
using CouchJs.Database.Attachments;
using CouchJs.Database.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CouchJs.Http.Endpoints;

public static partial class AttachmentEndpoints
{
    private const string DefaultContentType = "application/octet-stream";

    /// <summary>
    /// PUT of an attachment: the body (Content-Length or chunked) streams into the database file as it
    /// arrives, md5-checked against <c>Content-MD5</c> (header, or trailer when announced), then one
    /// write makes the revision: a child of <c>?rev=</c>/<c>If-Match</c>, or a new document without a
    /// rev. 201 <c>{"ok","id","rev"}</c> with Location and the new rev's ETag.
    /// </summary>
    private static async Task Put(CouchRequest r, CouchDatabase db, string docId, string name)
    {
        DocumentEndpoints.ValidateAttachmentName(name);
        string contentType = r.Http.ContentType ?? DefaultContentType;
        bool sentGzipped = SentGzipped(r);
        var rev = RequestRev(r);
        if (rev is { } given)
        {
            using var reader = db.OpenReader();
            OpenForEdit(reader, docId, given);
        }
        else
        {
            DocIds.Validate(docId);
        }
        long maxSize = MaxAttachmentSize(r);
        if (r.Http.ContentLength > maxSize) throw AttachmentTooLarge(name);
        using var upload = db.BeginAttachment(name, contentType, sentGzipped);
        await Receive(r, upload, maxSize).ConfigureAwait(false);
        upload.Complete(ExpectedMd5(r));
        var newRev = await db.PutAttachment(docId, rev, upload).ConfigureAwait(false);
        string location = DatabaseEndpoints.AbsoluteUrl(r, db.Name + "/" + DocumentEndpoints.UrlEncode(docId) + "/" + DocumentEndpoints.UrlEncode(name));
        await DocumentEndpoints.Updated(r, 201, docId, newRev.ToString(), DocumentEndpoints.Etag(newRev), location).ConfigureAwait(false);
    }

    // Each buffer Kestrel hands over goes straight into the upload; nothing of the body is kept.
    private static async Task Receive(CouchRequest r, AttachmentUpload upload, long maxSize)
    {
        var body = r.Http.BodyReader;
        while (true)
        {
            var result = await body.ReadAsync(r.Aborted).ConfigureAwait(false);
            foreach (var segment in result.Buffer)
            {
                upload.Write(segment.Span);
                if (upload.Received > maxSize) throw AttachmentTooLarge(upload.Name);
            }
            body.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) break;
        }
    }

    // chttpd_db: Content-Encoding identity (stored as sent, or gzipped if compressible) or gzip (stored as sent).
    private static bool SentGzipped(CouchRequest r)
    {
        string encoding = r.Http.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        return encoding switch
        {
            "" or "identity" => false,
            "gzip" => true,
            _ => throw new CouchException(415, "bad_content_type", "Only gzip and identity content-encodings are supported"),
        };
    }

    /// <summary>
    /// chttpd_db:get_md5_header: the Content-MD5 header, else (chunked, announced in <c>Trailer</c>) the
    /// trailer once the body is read; an announced trailer that never came checks nothing.
    /// </summary>
    private static byte[]? ExpectedMd5(CouchRequest r)
    {
        string header = r.Http.Headers.ContentMD5.ToString();
        if (header.Length == 0 && AnnouncesMd5Trailer(r.Http) && r.Http.SupportsTrailers() && r.Http.CheckTrailersAvailable())
            header = r.Http.GetTrailer(HeaderNames.ContentMD5).ToString();
        if (header.Length == 0) return null;
        // An undecodable digest can match nothing: the upload answers it as a mismatch.
        return Convert.TryFromBase64String(header.Trim(), new byte[16], out int n) && n == 16 ? Convert.FromBase64String(header.Trim()) : [];
    }

    private static bool AnnouncesMd5Trailer(HttpRequest request)
    {
        foreach (string? name in request.Headers[HeaderNames.Trailer].ToString().Split(','))
            if (name.Trim().Equals(HeaderNames.ContentMD5, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    // [couchdb] max_attachment_size: bytes, or infinity (the default).
    private static long MaxAttachmentSize(CouchRequest r) =>
        long.TryParse(r.Services.Config.Get("couchdb", "max_attachment_size", "infinity"), NumberStyles.None, CultureInfo.InvariantCulture, out long max)
            ? max
            : long.MaxValue;

    private static CouchException AttachmentTooLarge(string name) => new(413, "attachment_too_large", name);
}
