using System.Buffers.Binary;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;

namespace CouchJs.Storage.Tests.Support;

/// <summary>Tree shapes and files the tests share.</summary>
public static class Trees
{
    /// <summary>long keys → byte values, counting entries.</summary>
    public static readonly BTreeSpec<long, ReadOnlyMemory<byte>, long> Counted = new(
        Comparer<long>.Default, Int64Codec.Instance, BytesCodec.Instance, Int64Codec.Instance,
        CountReducer<long, ReadOnlyMemory<byte>>.Instance);

    /// <summary>long keys → long values, summing values (a reduction that depends on values).</summary>
    public static readonly BTreeSpec<long, long, long> Summed = new(
        Comparer<long>.Default, Int64Codec.Instance, Int64Codec.Instance, Int64Codec.Instance, new SumReducer());

    public static CouchFile MemoryFile(CouchFileOptions? options = null) => CouchFile.Open(new MemoryDevice(), options);

    public static byte[] Value(long key, int size)
    {
        var bytes = new byte[size];
        new Random((int)key).NextBytes(bytes);
        if (size >= 8) BinaryPrimitives.WriteInt64BigEndian(bytes, key);
        return bytes;
    }

    private sealed class SumReducer : IReducer<long, long, long>
    {
        public long Reduce(ReadOnlySpan<long> keys, ReadOnlySpan<long> values)
        {
            long s = 0;
            foreach (long v in values) s += v;
            return s;
        }

        public long Rereduce(ReadOnlySpan<long> reductions)
        {
            long s = 0;
            foreach (long r in reductions) s += r;
            return s;
        }
    }
}
