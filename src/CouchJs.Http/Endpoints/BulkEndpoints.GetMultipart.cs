using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Http.Multipart;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

// _bulk_get for clients that accept multipart (and not JSON), laid out as chttpd_db's
// bulk_get_ret_multipart writes it: every part opens with "\r\n--B"; a revision with attachment data
// is a multipart/related part headed by X-Doc-Id and X-Rev-Id, its attachments in their stored
// encoding after the JSON; errors are JSON parts marked error="true"; the body closes with "\r\n--B--\r\n".
public static partial class BulkEndpoints
{
    // chttpd_db:bulk_get_is_multipart: multipart only for a client that does not take JSON.
    private static string? MultipartType(CouchRequest r) =>
        AcceptHeader.Accepts(r.Http, "application/json") ? null
        : AcceptHeader.Accepts(r.Http, "multipart/mixed") ? "multipart/mixed"
        : AcceptHeader.Accepts(r.Http, "multipart/related") ? "multipart/related"
        : null;

    private static async Task WriteBulkGetMultipart(
        CouchRequest r, DbReader reader, List<BulkGetResult> results, DocRenderOptions options, string mediaType)
    {
        // CouchDB's _bulk_get boundaries are a uuid with "--" in front.
        string boundary = "--" + Boundary.New();
        var response = r.Response;
        response.StatusCode = 200;
        response.ContentType = mediaType + "; boundary=\"" + boundary + "\"";
        var output = response.BodyWriter;
        byte[] delimiter = Encoding.UTF8.GetBytes("\r\n--" + boundary);
        long unflushed = 0;
        foreach (var result in results)
        {
            if (result.Error is { } error)
            {
                WriteErrorPart(output, delimiter, w => WriteErrorMap(w, error));
                continue;
            }
            // Every revision carries its attachments, following the JSON; one inner boundary per entry.
            var partOptions = EntryOptions(result.Arg, options) with { Attachments = true, Follows = true, AttEncodingInfo = true };
            string inner = "--" + Boundary.New();
            foreach (var (leaf, rev) in result.Revisions)
            {
                if (leaf is null)
                {
                    WriteErrorPart(output, delimiter, w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("rev", rev.ToString());
                        w.WriteString("error", "not_found");
                        w.WriteString("reason", "missing");
                        w.WriteEndObject();
                    });
                    continue;
                }
                var json = DocJsonWriter.Render(reader, result.Info!, leaf, partOptions);
                var follows = DocJsonWriter.AttachmentsWithData(leaf, partOptions);
                output.Write(delimiter);
                if (follows.Count == 0)
                {
                    output.Write("\r\nContent-Type: application/json\r\n\r\n"u8);
                    output.Write(json);
                    unflushed += json.Length;
                }
                else
                {
                    output.Write(Encoding.UTF8.GetBytes(
                        $"\r\nX-Doc-Id: {result.Arg.Id}\r\nX-Rev-Id: {leaf.Rev}\r\nContent-Type: multipart/related; boundary={inner}\r\n\r\n"));
                    // Attachment data is flushed chunk by chunk as it is written.
                    await new RelatedDocument(json, follows, reader.File, inner).WriteTo(output, r.Aborted).ConfigureAwait(false);
                    unflushed = 0;
                }
                if (unflushed >= FlushThreshold)
                {
                    unflushed = 0;
                    await output.FlushAsync(r.Aborted).ConfigureAwait(false);
                }
            }
        }
        if (results.Count > 0)
        {
            output.Write(delimiter);
            output.Write("--\r\n"u8);
        }
        await output.FlushAsync(r.Aborted).ConfigureAwait(false);
    }

    private static void WriteErrorPart(PipeWriter output, byte[] delimiter, Action<Utf8JsonWriter> error)
    {
        output.Write(delimiter);
        output.Write("\r\nContent-Type: application/json; error=\"true\"\r\n\r\n"u8);
        using var w = new Utf8JsonWriter(output, CouchJson.WriterOptions);
        error(w);
    }
}
