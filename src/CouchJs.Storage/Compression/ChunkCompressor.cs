using System.IO.Compression;
using CouchJs.Storage.Native;

namespace CouchJs.Storage.Compression;

/// <summary>Compresses chunk payloads by the file's setting and decompresses by each chunk's tag byte.</summary>
public static class ChunkCompressor
{
    /// <summary>Payloads smaller than this are stored as they are: compression would not pay.</summary>
    private const int MinCompressLength = 64;

    /// <summary>Writes tag byte + (compressed) payload to <paramref name="output"/>, growing it as needed.</summary>
    public static int Encode(FileCompression setting, ReadOnlySpan<byte> payload, ref byte[] output, int offset)
    {
        if (setting.Method != CompressionMethod.None && payload.Length >= MinCompressLength)
        {
            int written = TryCompress(setting, payload, ref output, offset + 1);
            if (written > 0 && written < payload.Length)
            {
                output[offset] = (byte)setting.Method;
                return written + 1;
            }
        }
        Ensure(ref output, offset + 1 + payload.Length);
        output[offset] = (byte)CompressionMethod.None;
        payload.CopyTo(output.AsSpan(offset + 1));
        return payload.Length + 1;
    }

    /// <summary>Decodes a stored payload (tag byte first) into a new array holding exactly the data.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.IsEmpty) throw new InvalidDataException("chunk has no compression tag");
        var body = stored[1..];
        try
        {
            return (CompressionMethod)stored[0] switch
            {
                CompressionMethod.None => body.ToArray(),
                CompressionMethod.Snappy => IronSnappy.Snappy.Decode(body),
                CompressionMethod.Deflate => Inflate(body),
                CompressionMethod.Zstd => Zstd.Decompress(body),
                var t => throw new InvalidDataException($"unknown chunk compression tag {(byte)t}"),
            };
        }
        catch (IOException e)
        {
            // IronSnappy and zlib report bad input as IOException: it is damaged data, not a failed read.
            throw new InvalidDataException($"{(CompressionMethod)stored[0]} payload does not decode ({e.Message})", e);
        }
    }

    /// <summary>
    /// Decodes a stored payload (tag byte first) held in the first <paramref name="length"/> bytes of
    /// <paramref name="stored"/>: an uncompressed one is returned as a slice of it, a compressed one
    /// as a new array.
    /// </summary>
    internal static ReadOnlyMemory<byte> DecodeStored(byte[] stored, int length) =>
        length > 0 && stored[0] == (byte)CompressionMethod.None ? stored.AsMemory(1, length - 1) : Decode(stored.AsSpan(0, length));

    private static int TryCompress(FileCompression setting, ReadOnlySpan<byte> payload, ref byte[] output, int offset)
    {
        switch (setting.Method)
        {
            case CompressionMethod.Snappy:
                Ensure(ref output, offset + SnappyEncoder.MaxEncodedLength(payload.Length));
                return SnappyEncoder.Encode(payload, output.AsSpan(offset));
            case CompressionMethod.Zstd:
                Ensure(ref output, offset + Zstd.MaxCompressedLength(payload.Length));
                return Zstd.Compress(payload, output.AsSpan(offset), setting.Level);
            default:
                return Deflate(payload, setting.Level, ref output, offset);
        }
    }

    private static int Deflate(ReadOnlySpan<byte> payload, int level, ref byte[] output, int offset)
    {
        using var ms = new MemoryStream(payload.Length);
        using (var z = new ZLibStream(ms, DeflateLevel(level), leaveOpen: true))
            z.Write(payload);
        return CopyOut(ms.GetBuffer().AsSpan(0, (int)ms.Length), ref output, offset);
    }

    private static int CopyOut(ReadOnlySpan<byte> compressed, ref byte[] output, int offset)
    {
        Ensure(ref output, offset + compressed.Length);
        compressed.CopyTo(output.AsSpan(offset));
        return compressed.Length;
    }

    // .NET exposes three zlib levels; map CouchDB's 1..9 onto them.
    private static CompressionLevel DeflateLevel(int level) => level switch
    {
        <= 3 => CompressionLevel.Fastest,
        <= 8 => CompressionLevel.Optimal,
        _ => CompressionLevel.SmallestSize,
    };

    private static byte[] Inflate(ReadOnlySpan<byte> body)
    {
        using var input = new MemoryStream(body.ToArray());
        using var z = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        z.CopyTo(output);
        return output.ToArray();
    }

    private static void Ensure(ref byte[] buffer, int size)
    {
        if (buffer.Length < size) Array.Resize(ref buffer, Math.Max(size, buffer.Length * 2));
    }
}
