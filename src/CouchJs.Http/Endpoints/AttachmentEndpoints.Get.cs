using System.Globalization;
using System.IO.Pipelines;
using CouchJs.Database;
using CouchJs.Database.Attachments;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Storage.Files;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Endpoints;

public static partial class AttachmentEndpoints
{
    private const string DigestPrefix = "md5-";

    /// <summary>
    /// GET/HEAD of an attachment of the winner or <c>?rev=</c>, streamed from the snapshot's file.
    /// The ETag is the quoted base64 md5 (If-None-Match → 304). Gzip-stored data goes out as is to a
    /// client accepting gzip, else decoded on the fly; identity-stored data takes Range requests.
    /// </summary>
    private static async Task Get(CouchRequest r, CouchDatabase db, string docId, string name)
    {
        if (r.Path[1].StartsWith(DocIds.DesignPrefix, StringComparison.Ordinal) && DocumentEndpoints.TryRedirectDesign(r)) return;
        var query = DocQuery.Parse(r);
        using var reader = db.OpenReader();
        var att = Existing(DocumentEndpoints.OpenRevision(reader, docId, query.Rev, query.Deleted, out _), name);
        string etag = "\"" + att.Digest[DigestPrefix.Length..] + "\"";
        if (DocumentEndpoints.IfNoneMatch(r, etag))
        {
            DocumentEndpoints.NotModified(r, etag);
            return;
        }
        bool identity = att.Encoding is null;
        bool sendEncoded = !identity && AcceptsGzip(r.Http);
        // Stored gzipped as sent (Content-Encoding: gzip), the identity length is unknown: decoding
        // for a client without gzip goes out chunked, as chttpd does.
        long? length = identity ? att.Length : sendEncoded ? att.EncodedLength : att.Length != att.EncodedLength ? att.Length : null;
        if (length is not { } known)
        {
            SetHeaders(r, att, etag, sendEncoded);
            r.Response.StatusCode = 200;
            if (!IsHead(r)) await WriteDecoded(r.Response.BodyWriter, reader.File, att, r.Aborted).ConfigureAwait(false);
            return;
        }
        var ranges = ParseRanges(r.Http.Headers.Range.Count == 0 ? null : r.Http.Headers.Range.ToString(), known);
        if (identity && ranges is { Count: 1 })
        {
            var (from, to) = ranges[0];
            SetHeaders(r, att, etag, sendEncoded);
            r.Response.Headers.ContentRange = ContentRange(from, to, known);
            await SendBody(r, 206, to - from + 1, output => WriteStored(output, reader.File, att, from, to, r.Aborted)).ConfigureAwait(false);
            return;
        }
        if (identity && ranges is { Count: < MaxRanges })
        {
            await SendMultipartRanges(r, reader.File, att, ranges).ConfigureAwait(false);
            return;
        }
        SetHeaders(r, att, etag, sendEncoded);
        // Content-MD5 is the md5 of the body sent; ours is of the identity data, so only identity-stored data gets it.
        if (identity) r.Response.Headers.ContentMD5 = att.Digest[DigestPrefix.Length..];
        await SendBody(r, 200, known, output => identity || sendEncoded
            ? WriteStored(output, reader.File, att, 0, att.EncodedLength - 1, r.Aborted)
            : WriteDecoded(output, reader.File, att, r.Aborted)).ConfigureAwait(false);
    }

    private static void SetHeaders(CouchRequest r, AttachmentInfo att, string etag, bool sendEncoded)
    {
        var headers = r.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "must-revalidate";
        headers.ContentType = att.ContentType;
        if (sendEncoded) headers.ContentEncoding = att.Encoding;
        headers.AcceptRanges = att.Encoding is null ? "bytes" : "none";
        // chttpd_util:maybe_add_csp_header("attachments", …, "sandbox"): on unless [csp] attachments_enable = false.
        var config = r.Services.Config;
        if (config.GetBool("csp", "attachments_enable", true))
            headers.ContentSecurityPolicy = config.Get("csp", "attachments_header_value", "sandbox");
    }

    private static async Task SendBody(CouchRequest r, int status, long length, Func<PipeWriter, Task> write)
    {
        r.Response.StatusCode = status;
        r.Response.ContentLength = length;
        if (IsHead(r)) return;
        await write(r.Response.BodyWriter).ConfigureAwait(false);
        await r.Response.BodyWriter.FlushAsync(r.Aborted).ConfigureAwait(false);
    }

    private static async Task WriteDecoded(PipeWriter output, CouchFile file, AttachmentInfo att, CancellationToken cancel)
    {
        await using var identity = AttachmentStore.OpenIdentity(file, att);
        await identity.CopyToAsync(output, cancel).ConfigureAwait(false);
    }

    private static bool IsHead(CouchRequest r) => HttpMethods.IsHead(r.Method);

    /// <summary>
    /// mochiweb's accepted_encodings for gzip: listed with q &gt; 0, or covered by <c>*</c> with q &gt; 0
    /// when not listed itself. No header accepts only identity.
    /// </summary>
    private static bool AcceptsGzip(HttpRequest request)
    {
        bool? gzip = null, any = null;
        foreach (string item in request.Headers.AcceptEncoding.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = item.Split(';');
            string coding = parts[0].Trim();
            double q = 1;
            for (int i = 1; i < parts.Length; i++)
            {
                string param = parts[i].Trim();
                if (param.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && !double.TryParse(param[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out q))
                    q = 0;
            }
            if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase)) gzip = q > 0;
            else if (coding == "*") any = q > 0;
        }
        return gzip ?? any ?? false;
    }
}
