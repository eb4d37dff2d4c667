using System.Buffers;
using System.IO.Compression;
using CouchJs.Database;
using CouchJs.Database.Documents;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CouchJs.Http.Multipart;

/// <summary>
/// Reads a multipart/related document upload (couch_doc:doc_from_multi_part_stream): the first part
/// is the document JSON, then one part per attachment marked <c>"follows": true</c>, in the order
/// the document lists them. Each attachment streams from the request into the database file as it
/// arrives (a gzip-encoded part is inflated on the way), so none is ever held in memory.
/// </summary>
public sealed class RelatedReader(Stream body, string boundary)
{
    private const int CopyBufferSize = 64 * 1024;
    private const string Md5Prefix = "md5-";

    private readonly MultipartReader _reader = new(boundary, body);

    /// <summary>The boundary of a <c>multipart/related</c> content type; false for any other type.</summary>
    public static bool TryGetBoundary(string? contentType, out string boundary)
    {
        boundary = "";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type)
            || !type.MediaType.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
            return false;
        boundary = HeaderUtilities.RemoveQuotes(type.Boundary).ToString();
        return boundary.Length > 0;
    }

    /// <summary>The first part, which must be <c>application/json</c> (else 415 as CouchDB's parser answers).</summary>
    public async Task<byte[]> ReadJson(CancellationToken cancel)
    {
        var section = await NextSection(cancel).ConfigureAwait(false)
            ?? throw CouchException.BadRequest("The multipart request has no document part.");
        if (!MediaTypeHeaderValue.TryParse(section.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            throw new CouchException(415, "bad_content_type", "Content-Type must be application/json");
        var json = new MemoryStream();
        await section.Body.CopyToAsync(json, cancel).ConfigureAwait(false);
        return json.ToArray();
    }

    /// <summary>
    /// Streams the data of every attachment that follows, from the next parts in order, into uploads
    /// of <paramref name="db"/>, set on the attachments (the caller disposes them once the document is
    /// written). An identity part must match the document's md5 <c>digest</c> when it gives one.
    /// </summary>
    public async Task ReadAttachments(CouchDatabase db, IReadOnlyList<IncomingAttachment> attachments, CancellationToken cancel)
    {
        foreach (var att in attachments)
        {
            if (!att.Follows) continue;
            var section = await NextSection(cancel).ConfigureAwait(false)
                ?? throw CouchException.BadRequest($"Attachment {att.Name} follows, but no data arrived for it");
            bool gzip = string.Equals(att.Encoding, "gzip", StringComparison.OrdinalIgnoreCase);
            att.Upload = db.BeginAttachment(att.Name, att.ContentType);
            var data = gzip ? new GZipStream(section.Body, CompressionMode.Decompress, leaveOpen: true) : section.Body;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
            try
            {
                int read;
                while ((read = await data.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0) att.Upload.Write(buffer.AsSpan(0, read));
            }
            catch (InvalidDataException)
            {
                throw CouchException.BadRequest($"Attachment {att.Name} is not valid gzip data");
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                if (gzip) await data.DisposeAsync().ConfigureAwait(false);
            }
            // The digest describes the bytes as sent, so only an identity part can be checked against it.
            att.Upload.Complete(gzip ? null : Md5Of(att.Digest));
        }
    }

    private async Task<MultipartSection?> NextSection(CancellationToken cancel)
    {
        try
        {
            return await _reader.ReadNextSectionAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or InvalidDataException)
        {
            throw CouchException.BadRequest("Malformed multipart body: " + error.Message);
        }
    }

    private static byte[]? Md5Of(string? digest)
    {
        if (digest is null || !digest.StartsWith(Md5Prefix, StringComparison.Ordinal)) return null;
        try
        {
            return Convert.FromBase64String(digest[Md5Prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
