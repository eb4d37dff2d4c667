using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using CouchJs.Database.Attachments;
using CouchJs.Database.Model;
using CouchJs.Storage.Files;

namespace CouchJs.Http.Multipart;

/// <summary>
/// A document with the attachments whose data follows it, laid out as couch_doc:doc_to_multi_part_stream
/// sends it: the JSON alone when nothing follows, else a multipart/related body of the JSON part and one
/// part per attachment in its stored encoding (Content-Disposition, Content-Type, Content-Length and,
/// when gzipped, Content-Encoding). The length is known before writing, so responses carry Content-Length;
/// attachment data streams from the file chunk by chunk.
/// </summary>
public sealed class RelatedDocument
{
    private readonly byte[] _json;
    private readonly IReadOnlyList<AttachmentInfo> _follows;
    private readonly CouchFile _file;
    private readonly byte[] _opening;
    private readonly byte[] _delimiter;
    private readonly byte[][] _partHeaders;

    /// <summary>Lays out <paramref name="json"/>, the document rendered with <c>follows</c> for each attachment in <paramref name="follows"/>.</summary>
    public RelatedDocument(byte[] json, IReadOnlyList<AttachmentInfo> follows, CouchFile file, string boundary)
    {
        _json = json;
        _follows = follows;
        _file = file;
        _opening = Encoding.UTF8.GetBytes("--" + boundary + "\r\nContent-Type: application/json\r\n\r\n");
        _delimiter = Encoding.UTF8.GetBytes("\r\n--" + boundary);
        _partHeaders = new byte[follows.Count][];
        if (follows.Count == 0)
        {
            ContentType = "application/json";
            Length = json.Length;
            return;
        }
        ContentType = "multipart/related; boundary=\"" + boundary + "\"";
        long length = _opening.Length + json.Length + _delimiter.Length + 2;
        for (int i = 0; i < follows.Count; i++)
        {
            _partHeaders[i] = PartHeaders(follows[i]);
            length += _partHeaders[i].Length + follows[i].EncodedLength + _delimiter.Length;
        }
        Length = length;
    }

    /// <summary><c>application/json</c>, or <c>multipart/related; boundary="…"</c> when attachment data follows.</summary>
    public string ContentType { get; }

    public long Length { get; }

    public async Task WriteTo(PipeWriter output, CancellationToken cancel)
    {
        if (_follows.Count == 0)
        {
            output.Write(_json);
            return;
        }
        output.Write(_opening);
        output.Write(_json);
        output.Write(_delimiter);
        for (int i = 0; i < _follows.Count; i++)
        {
            output.Write(_partHeaders[i]);
            foreach (byte[] chunk in AttachmentStore.ReadEncoded(_file, _follows[i]))
            {
                output.Write(chunk);
                await output.FlushAsync(cancel).ConfigureAwait(false);
            }
            output.Write(_delimiter);
        }
        output.Write("--"u8);
    }

    private static byte[] PartHeaders(AttachmentInfo att)
    {
        var text = new StringBuilder()
            .Append("\r\nContent-Disposition: attachment; filename=\"").Append(att.Name).Append('"')
            .Append("\r\nContent-Type: ").Append(att.ContentType)
            .Append("\r\nContent-Length: ").Append(att.EncodedLength);
        if (att.Encoding is { } encoding) text.Append("\r\nContent-Encoding: ").Append(encoding);
        return Encoding.UTF8.GetBytes(text.Append("\r\n\r\n").ToString());
    }
}
