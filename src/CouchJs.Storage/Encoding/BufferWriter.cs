using System.Buffers.Binary;

namespace CouchJs.Storage.Encoding;

/// <summary>A growable byte buffer, reused across writes to avoid allocation on hot paths.</summary>
public sealed class BufferWriter(int capacity = 4096)
{
    private byte[] _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public void Reset() => Length = 0;

    public byte[] ToArray() => WrittenSpan.ToArray();

    public Span<byte> GetSpan(int size)
    {
        if (Length + size > _buffer.Length) Array.Resize(ref _buffer, Math.Max(Length + size, _buffer.Length * 2));
        return _buffer.AsSpan(Length, size);
    }

    public void Advance(int count) => Length += count;

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        Length++;
    }

    /// <summary>Unsigned LEB128.</summary>
    public void WriteVarUInt(ulong value) => Length += WriteVarUInt(GetSpan(10), value);

    /// <summary>Unsigned LEB128 into <paramref name="destination"/> (at least 10 bytes); returns the bytes written.</summary>
    public static int WriteVarUInt(Span<byte> destination, ulong value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Signed LEB128 (zigzag), so small negatives stay short.</summary>
    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    public void WriteInt64BigEndian(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(GetSpan(8), value);
        Length += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>A length (LEB128) followed by the bytes.</summary>
    public void WriteLengthPrefixed(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteString(string value)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = GetSpan(max + 5);
        int n = System.Text.Encoding.UTF8.GetBytes(value, span[5..]);
        WriteVarUInt((ulong)n);
        WriteBytes(span.Slice(5, n));
    }
}
