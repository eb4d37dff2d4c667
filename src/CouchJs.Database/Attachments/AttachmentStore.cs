using System.IO.Compression;
using CouchJs.Database.Model;
using CouchJs.Storage.Files;

namespace CouchJs.Database.Attachments;

/// <summary>
/// Writes attachment data into the database file as a run of chunks (gzipped first when the content
/// type is compressible, as couch_att does) and reads it back. Every chunk of an attachment but the
/// last holds the same number of stored bytes (<see cref="ChunkingStream"/>), so a byte range is
/// found from the first chunk's length without reading the chunks before it.
/// </summary>
public static class AttachmentStore
{
    /// <summary>Writes inline data (a document's base64 <c>data</c>) within a write batch.</summary>
    public static AttachmentInfo Write(CouchFile file, DatabaseOptions options, string name, string contentType, byte[] data, long revPos)
    {
        var chunks = new List<long>((data.Length / options.AttachmentChunkSize) + 1);
        using var encoder = new AttachmentEncoder(options, contentType, sentGzipped: false, chunk => chunks.Add(file.Append(chunk).Position));
        encoder.Write(data);
        var encoded = encoder.Finish();
        return new AttachmentInfo(name, contentType, encoded.Length, encoded.EncodedLength, encoded.Digest, revPos, encoded.Encoding, [.. chunks]);
    }

    /// <summary>The stored (encoded) bytes, chunk by chunk.</summary>
    public static IEnumerable<byte[]> ReadEncoded(CouchFile file, AttachmentInfo att)
    {
        foreach (long chunk in att.Chunks) yield return file.Read(chunk);
    }

    /// <summary>
    /// Stored bytes <paramref name="from"/> to <paramref name="to"/> (inclusive, both within the
    /// stored length), read chunk by chunk from the first chunk that holds <paramref name="from"/>.
    /// </summary>
    public static IEnumerable<ReadOnlyMemory<byte>> ReadRange(CouchFile file, AttachmentInfo att, long from, long to)
    {
        if (att.Chunks.Length == 0 || from > to) yield break;
        var first = file.ReadMemory(att.Chunks[0]);
        if (first.IsEmpty) yield break;
        int index = (int)Math.Min(from / first.Length, att.Chunks.Length - 1);
        long offset = index * (long)first.Length;
        for (; index < att.Chunks.Length && offset <= to; index++)
        {
            var chunk = index == 0 ? first : file.ReadMemory(att.Chunks[index]);
            int start = (int)Math.Max(0, from - offset);
            int end = (int)Math.Min(chunk.Length, to - offset + 1);
            if (end > start) yield return chunk[start..end];
            offset += chunk.Length;
        }
    }

    /// <summary>The identity bytes: stored chunks, gunzipped when stored gzipped.</summary>
    public static Stream OpenIdentity(CouchFile file, AttachmentInfo att)
    {
        Stream encoded = new ChunkStream(ReadEncoded(file, att).GetEnumerator());
        return att.Encoding == "gzip" ? new GZipStream(encoded, CompressionMode.Decompress) : encoded;
    }

    public static Stream OpenEncoded(CouchFile file, AttachmentInfo att) => new ChunkStream(ReadEncoded(file, att).GetEnumerator());
}
