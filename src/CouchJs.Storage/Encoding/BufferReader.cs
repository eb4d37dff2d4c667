using System.Buffers.Binary;

namespace CouchJs.Storage.Encoding;

/// <summary>Reads what <see cref="BufferWriter"/> wrote. Byte runs come back as slices of the source: no copy.</summary>
public struct BufferReader(ReadOnlyMemory<byte> source)
{
    private readonly ReadOnlyMemory<byte> _source = source;
    private int _position;

    public readonly bool AtEnd => _position >= _source.Length;

    public readonly int Position => _position;

    public byte ReadByte()
    {
        if (_position >= _source.Length) ThrowTruncated();
        return _source.Span[_position++];
    }

    public ulong ReadVarUInt()
    {
        var span = _source.Span;
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= span.Length) ThrowTruncated();
            byte b = span[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new InvalidDataException("varint too long");
    }

    public long ReadVarInt()
    {
        ulong raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public long ReadInt64BigEndian()
    {
        var span = Take(8).Span;
        return BinaryPrimitives.ReadInt64BigEndian(span);
    }

    public ReadOnlyMemory<byte> ReadLengthPrefixed() => Take(checked((int)ReadVarUInt()));

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadLengthPrefixed().Span);

    public ReadOnlyMemory<byte> Take(int count)
    {
        if (count < 0 || _position + count > _source.Length) ThrowTruncated();
        var slice = _source.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static void ThrowTruncated() => throw new InvalidDataException("record is truncated");
}
