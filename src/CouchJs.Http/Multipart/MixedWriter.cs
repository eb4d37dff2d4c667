using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace CouchJs.Http.Multipart;

/// <summary>
/// A multipart/mixed body of documents, as chttpd_db:send_docs_multipart streams an open_revs answer:
/// one part per revision, either a <see cref="RelatedDocument"/> (its own Content-Type: JSON, or
/// multipart/related with its attachments) or an error object (<c>application/json; error="true"</c>).
/// </summary>
public sealed class MixedWriter(PipeWriter output, string boundary)
{
    private readonly byte[] _delimiter = Encoding.UTF8.GetBytes("\r\n--" + boundary);

    public string ContentType => "multipart/mixed; boundary=\"" + boundary + "\"";

    public void Start()
    {
        output.Write("--"u8);
        output.Write(Encoding.UTF8.GetBytes(boundary));
    }

    public async Task WriteDocument(RelatedDocument doc, CancellationToken cancel)
    {
        output.Write(Encoding.UTF8.GetBytes("\r\nContent-Type: " + doc.ContentType + "\r\n\r\n"));
        await doc.WriteTo(output, cancel).ConfigureAwait(false);
        output.Write(_delimiter);
        await output.FlushAsync(cancel).ConfigureAwait(false);
    }

    public void WriteError(ReadOnlySpan<byte> json)
    {
        output.Write("\r\nContent-Type: application/json; error=\"true\"\r\n\r\n"u8);
        output.Write(json);
        output.Write(_delimiter);
    }

    public void End() => output.Write("--"u8);
}
