using System.Buffers.Binary;
using System.Numerics;
using CouchJs.Storage.Native;

namespace CouchJs.Views.Reduce;

/// <summary>
/// A HyperLogLog sketch with the parameters CouchDB's _approx_count_distinct gives the hyper library:
/// precision 11 (2048 registers), the register index from the hash's first 11 bits and its rank from
/// the run of zeros in the next 11 (ranks 1..12). Keys hash as their JSON bytes with XXH3 (CouchDB:
/// SHA-1 of term_to_binary; distinct JSON keys are distinct terms either way), so estimates differ from
/// CouchDB's in their noise, not their accuracy. The estimate is Ertl's improved raw estimator (2017),
/// which needs no empirical bias tables and is unbiased from 0 up: relative standard error about
/// 1.04/√2048 ≈ 2.3%, small counts nearly exact, usable up to a few million distinct keys (the 11 rank
/// bits saturate beyond that, as in CouchDB).
/// </summary>
internal sealed class HyperLogLog
{
    public const int Precision = 11;
    public const int RegisterCount = 1 << Precision;
    private const int RankBits = 11;
    private const int MaxRank = RankBits + 1;

    // State layout: a format byte, then either (sparse) a big-endian ushort index << 4 | rank per
    // non-zero register in index order, or (dense) one nibble per register, even indexes high.
    private const byte SparseFormat = 1;
    private const byte DenseFormat = 2;
    private const int DenseBytes = RegisterCount / 2;

    private static readonly double Alpha = 1 / (2 * Math.Log(2));

    private readonly byte[] _registers = new byte[RegisterCount];

    public void Add(ReadOnlySpan<byte> key)
    {
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(key, hash);
        ulong bits = BinaryPrimitives.ReadUInt64BigEndian(hash);
        int index = (int)(bits >> (64 - Precision));
        uint rankBits = (uint)(bits >> (64 - Precision - RankBits)) & ((1u << RankBits) - 1);
        int rank = rankBits == 0 ? MaxRank : BitOperations.LeadingZeroCount(rankBits) - (32 - RankBits) + 1;
        if (rank > _registers[index]) _registers[index] = (byte)rank;
    }

    /// <summary>Unions a serialized sketch into this one (register-wise maximum).</summary>
    public void Merge(ReadOnlySpan<byte> state)
    {
        if (state[0] == DenseFormat)
        {
            for (int i = 0; i < DenseBytes; i++)
            {
                Raise(2 * i, state[1 + i] >> 4);
                Raise(2 * i + 1, state[1 + i] & 0xF);
            }
            return;
        }
        for (int pos = 1; pos < state.Length; pos += 2)
        {
            int entry = BinaryPrimitives.ReadUInt16BigEndian(state[pos..]);
            Raise(entry >> 4, entry & 0xF);
        }
    }

    public byte[] ToBytes()
    {
        int used = 0;
        foreach (byte rank in _registers)
            if (rank != 0) used++;
        if (2 * used >= DenseBytes)
        {
            var dense = new byte[1 + DenseBytes];
            dense[0] = DenseFormat;
            for (int i = 0; i < DenseBytes; i++) dense[1 + i] = (byte)(_registers[2 * i] << 4 | _registers[2 * i + 1]);
            return dense;
        }
        var sparse = new byte[1 + 2 * used];
        sparse[0] = SparseFormat;
        int at = 1;
        for (int i = 0; i < RegisterCount; i++)
        {
            if (_registers[i] == 0) continue;
            BinaryPrimitives.WriteUInt16BigEndian(sparse.AsSpan(at), (ushort)(i << 4 | _registers[i]));
            at += 2;
        }
        return sparse;
    }

    /// <summary>The estimated number of distinct keys added.</summary>
    public double Estimate()
    {
        Span<int> counts = stackalloc int[MaxRank + 1];
        foreach (byte rank in _registers) counts[rank]++;
        const double m = RegisterCount;
        double z = m * Tau(1 - counts[MaxRank] / m);
        for (int k = RankBits; k >= 1; k--) z = 0.5 * (z + counts[k]);
        z += m * Sigma(counts[0] / m);
        return Alpha * m * m / z;
    }

    private void Raise(int index, int rank)
    {
        if (rank > _registers[index]) _registers[index] = (byte)rank;
    }

    // σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k-1); infinite for x = 1 (an empty sketch estimates 0).
    private static double Sigma(double x)
    {
        if (x == 1) return double.PositiveInfinity;
        double y = 1, z = x, previous;
        do
        {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        }
        while (z != previous);
        return z;
    }

    // τ(x) = (1 - x - Σ_{k≥1} (1 - x^(2^-k))² 2^-k) / 3.
    private static double Tau(double x)
    {
        if (x is 0 or 1) return 0;
        double y = 1, z = 1 - x, previous;
        do
        {
            x = Math.Sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        }
        while (z != previous);
        return z / 3;
    }
}
