using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Files;

// Reading chunks: the prefix, then exactly the stored bytes, checksummed where they were copied to.
public sealed partial class CouchFile
{
    /// <summary>Reads the chunk at <paramref name="position"/>, verifying its checksum, and returns its payload.</summary>
    public byte[] Read(long position)
    {
        var payload = ReadMemory(position);
        return MemoryMarshal.TryGetArray(payload, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : payload.ToArray();
    }

    /// <summary>
    /// Reads the chunk at <paramref name="position"/>, verifying its checksum, and returns its payload
    /// without copying it again: an uncompressed payload is a slice of the array the chunk was read into.
    /// </summary>
    public ReadOnlyMemory<byte> ReadMemory(long position) => ReadPayload(position, pooled: false, out _);

    /// <summary>
    /// Like <see cref="ReadMemory"/>, for a caller done with the payload before it returns: the chunk is
    /// read into <paramref name="rented"/>, an array from the shared pool the caller gives back.
    /// </summary>
    internal ReadOnlyMemory<byte> ReadPooled(long position, out byte[] rented) => ReadPayload(position, pooled: true, out rented!);

    private ReadOnlyMemory<byte> ReadPayload(long position, bool pooled, out byte[]? rented)
    {
        Span<byte> prefix = stackalloc byte[ChunkPrefixSize];
        if (ReadLogical(position, prefix) < ChunkPrefixSize) throw Corrupt(position, "chunk runs past the end of the file");
        uint word = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if ((word & ChecksummedFlag) == 0) throw Corrupt(position, "chunk has no checksum flag");
        int length = (int)(word & ~ChecksummedFlag);
        long storedAt = position + BlockLayout.PhysicalLength(position, ChunkPrefixSize);
        // Checked before allocating: a damaged length must not ask for gigabytes.
        if (storedAt + BlockLayout.PhysicalLength(storedAt, length) > Eof) throw Corrupt(position, "chunk length points past the end of the file");
        // Exactly the chunk is read (no guess rounded up to a block): from the mapping that is one
        // copy, and the checksum runs over the copy, so what is verified is what is returned.
        rented = pooled ? ArrayPool<byte>.Shared.Rent(length) : null;
        byte[] buffer = rented ?? new byte[length];
        var stored = buffer.AsSpan(0, length);
        if (ReadLogical(storedAt, stored) != length) throw Corrupt(position, "chunk runs past the end of the file");
        if (!Native.XxHash128.Verify(stored, prefix.Slice(ChunkLengthSize, ChecksumSize)))
            throw Corrupt(position, "checksum mismatch");
        try
        {
            return Compression.ChunkCompressor.DecodeStored(buffer, length);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(position, e.Message);
        }
    }
}
