using System.IO.Compression;
using System.Security.Cryptography;
using CouchJs.Database.Model;
using CouchJs.Storage.Files;

namespace CouchJs.Database.Attachments;

/// <summary>
/// Writes attachment data into the database file as a run of chunks (gzipped first when the content
/// type is compressible, as couch_att does) and reads it back.
/// </summary>
public static class AttachmentStore
{
    /// <summary>md5 digest in CouchDB's form: <c>md5-</c> + base64 of the identity data's md5.</summary>
    public static string Digest(ReadOnlySpan<byte> data) => "md5-" + Convert.ToBase64String(MD5.HashData(data));

    public static AttachmentInfo Write(CouchFile file, DatabaseOptions options, string name, string contentType, byte[] data, long revPos)
    {
        string digest = Digest(data);
        byte[] stored = data;
        string? encoding = null;
        if (options.IsCompressible(contentType) && data.Length > 0)
        {
            stored = Gzip(data, options.AttachmentCompressionLevel);
            encoding = "gzip";
        }
        var chunks = new List<long>((stored.Length / options.AttachmentChunkSize) + 1);
        for (int offset = 0; offset < stored.Length; offset += options.AttachmentChunkSize)
        {
            int length = Math.Min(options.AttachmentChunkSize, stored.Length - offset);
            chunks.Add(file.Append(stored.AsSpan(offset, length)).Position);
        }
        return new AttachmentInfo(name, contentType, data.Length, stored.Length, digest, revPos, encoding, [.. chunks]);
    }

    /// <summary>The stored (encoded) bytes, chunk by chunk.</summary>
    public static IEnumerable<byte[]> ReadEncoded(CouchFile file, AttachmentInfo att)
    {
        foreach (long chunk in att.Chunks) yield return file.Read(chunk);
    }

    /// <summary>The identity bytes: stored chunks, gunzipped when stored gzipped.</summary>
    public static Stream OpenIdentity(CouchFile file, AttachmentInfo att)
    {
        Stream encoded = new ChunkStream(ReadEncoded(file, att).GetEnumerator());
        return att.Encoding == "gzip" ? new GZipStream(encoded, CompressionMode.Decompress) : encoded;
    }

    public static Stream OpenEncoded(CouchFile file, AttachmentInfo att) => new ChunkStream(ReadEncoded(file, att).GetEnumerator());

    private static byte[] Gzip(byte[] data, int level)
    {
        var output = new MemoryStream(data.Length / 2 + 64);
        var compression = level switch { <= 3 => CompressionLevel.Fastest, >= 9 => CompressionLevel.SmallestSize, _ => CompressionLevel.Optimal };
        using (var gzip = new GZipStream(output, compression, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }
}
