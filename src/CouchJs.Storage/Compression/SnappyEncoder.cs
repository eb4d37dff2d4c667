using System.Buffers.Binary;

namespace CouchJs.Storage.Compression;

/// <summary>
/// Snappy (raw format) compression into a caller's buffer, with a per-thread hash table: IronSnappy's
/// encoder allocates its table on every call, which at one call per B+tree node dominated GC.
/// Greedy matching of 4-byte sequences per 64 KB block, as the reference encoder does; decoding is
/// IronSnappy's.
/// </summary>
internal static class SnappyEncoder
{
    private const int BlockSize = 1 << 16;
    private const int TableBits = 14;
    private const int MinBlockToCompress = 17;

    [ThreadStatic]
    private static ushort[]? t_table;

    public static int MaxEncodedLength(int length) => 32 + length + length / 6;

    /// <summary>Encodes <paramref name="source"/>; <paramref name="destination"/> must hold <see cref="MaxEncodedLength"/> bytes.</summary>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int d = Encoding.BufferWriter.WriteVarUInt(destination, (uint)source.Length);
        var table = t_table ??= new ushort[1 << TableBits];
        for (int start = 0; start < source.Length; start += BlockSize)
        {
            var block = source.Slice(start, Math.Min(BlockSize, source.Length - start));
            d += block.Length < MinBlockToCompress ? EmitLiteral(destination[d..], block) : EncodeBlock(block, destination[d..], table);
        }
        return d;
    }

    private static int EncodeBlock(ReadOnlySpan<byte> src, Span<byte> dst, ushort[] table)
    {
        Array.Clear(table);
        int d = 0, nextEmit = 0, s = 1;
        int sLimit = src.Length - 15;
        uint nextHash = Hash(Load32(src, s));
        while (true)
        {
            // Look for a 4-byte match, skipping faster through data that does not compress.
            int skip = 32, nextS = s, candidate;
            do
            {
                s = nextS;
                int step = skip >> 5;
                nextS = s + step;
                skip += step;
                if (nextS > sLimit) goto Remainder;
                candidate = table[nextHash];
                table[nextHash] = (ushort)s;
                nextHash = Hash(Load32(src, nextS));
            }
            while (Load32(src, s) != Load32(src, candidate));

            d += EmitLiteral(dst[d..], src[nextEmit..s]);
            while (true)
            {
                int matchStart = s;
                s += 4;
                for (int c = candidate + 4; s < src.Length && src[s] == src[c]; s++, c++)
                {
                }
                d += EmitCopy(dst[d..], matchStart - candidate, s - matchStart);
                nextEmit = s;
                if (s >= sLimit) goto Remainder;
                table[Hash(Load32(src, s - 1))] = (ushort)(s - 1);
                uint hash = Hash(Load32(src, s));
                candidate = table[hash];
                table[hash] = (ushort)s;
                if (Load32(src, s) != Load32(src, candidate))
                {
                    nextHash = Hash(Load32(src, ++s));
                    break;
                }
            }
        }
    Remainder:
        if (nextEmit < src.Length) d += EmitLiteral(dst[d..], src[nextEmit..]);
        return d;
    }

    private static int EmitLiteral(Span<byte> dst, ReadOnlySpan<byte> literal)
    {
        if (literal.IsEmpty) return 0;
        int n = literal.Length - 1, d;
        if (n < 60)
        {
            dst[0] = (byte)(n << 2);
            d = 1;
        }
        else if (n < 1 << 8)
        {
            dst[0] = 60 << 2;
            dst[1] = (byte)n;
            d = 2;
        }
        else
        {
            dst[0] = 61 << 2;
            BinaryPrimitives.WriteUInt16LittleEndian(dst[1..], (ushort)n);
            d = 3;
        }
        literal.CopyTo(dst[d..]);
        return d + literal.Length;
    }

    // Offsets stay below 64 KB (matches never leave their block), so 1- and 2-byte-offset copies suffice.
    private static int EmitCopy(Span<byte> dst, int offset, int length)
    {
        int d = 0;
        while (length >= 68)
        {
            d += Copy2(dst[d..], offset, 64);
            length -= 64;
        }
        if (length > 64)
        {
            d += Copy2(dst[d..], offset, 60);
            length -= 60;
        }
        if (length >= 12 || offset >= 2048) return d + Copy2(dst[d..], offset, length);
        dst[d] = (byte)(((offset >> 8) << 5) | ((length - 4) << 2) | 1);
        dst[d + 1] = (byte)offset;
        return d + 2;
    }

    private static int Copy2(Span<byte> dst, int offset, int length)
    {
        dst[0] = (byte)(((length - 1) << 2) | 2);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[1..], (ushort)offset);
        return 3;
    }

    private static uint Load32(ReadOnlySpan<byte> src, int i) => BinaryPrimitives.ReadUInt32LittleEndian(src[i..]);

    private static uint Hash(uint bytes) => (bytes * 0x1e35a7bd) >> (32 - TableBits);
}
