using System.IO.Compression;
using System.Security.Cryptography;

namespace CouchJs.Database.Attachments;

/// <summary>
/// Turns attachment bytes, as they come, into stored chunks (couch_stream's writer): the md5 of what
/// it is given, gzip on the fly for compressible types (<c>[attachments] compression_level</c>), and
/// chunks of <see cref="DatabaseOptions.AttachmentChunkSize"/> handed to a sink. Holds one chunk
/// and the deflater's window, never the attachment.
/// </summary>
internal sealed class AttachmentEncoder : IDisposable
{
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly ChunkingStream _chunks;
    private readonly int _gzipLevel;
    private readonly bool _sentGzipped;
    private GZipStream? _gzip;
    private long _length;

    /// <param name="sentGzipped">The data is gzip already (<c>Content-Encoding: gzip</c>): stored as is, its identity length unknown.</param>
    public AttachmentEncoder(DatabaseOptions options, string contentType, bool sentGzipped, Action<ReadOnlySpan<byte>> emit)
    {
        _chunks = new ChunkingStream(options.AttachmentChunkSize, emit);
        _sentGzipped = sentGzipped;
        _gzipLevel = !sentGzipped && options.IsCompressible(contentType) ? Math.Min(options.AttachmentCompressionLevel, 9) : 0;
    }

    /// <summary>Bytes given so far.</summary>
    public long Received => _length;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        _md5.AppendData(data);
        _length += data.Length;
        if (_gzipLevel > 0)
        {
            _gzip ??= new GZipStream(_chunks, new ZLibCompressionOptions { CompressionLevel = _gzipLevel }, leaveOpen: true);
            _gzip.Write(data);
        }
        else
        {
            _chunks.Write(data);
        }
    }

    /// <summary>
    /// Ends the data: the gzip trailer and the last chunk go to the sink. An empty attachment is stored
    /// as identity whatever its type; one sent gzipped keeps its stored length as its length, as
    /// couch_db:with_stream records it.
    /// </summary>
    public EncodedAttachment Finish()
    {
        _gzip?.Dispose();
        _chunks.Complete();
        byte[] md5 = _md5.GetHashAndReset();
        string? encoding = _gzip is not null || _sentGzipped ? "gzip" : null;
        long length = _sentGzipped ? _chunks.Written : _length;
        return new EncodedAttachment(md5, length, _chunks.Written, encoding);
    }

    public void Dispose()
    {
        _chunks.Dispose();
        _gzip?.Dispose();
        _md5.Dispose();
    }
}

/// <summary>What an encoder wrote: the md5 of the bytes it was given, identity and stored lengths, the stored encoding.</summary>
internal readonly record struct EncodedAttachment(byte[] Md5, long Length, long EncodedLength, string? Encoding)
{
    public string Digest => "md5-" + Convert.ToBase64String(Md5);
}
