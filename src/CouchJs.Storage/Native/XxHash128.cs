using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CouchJs.Storage.Native;

/// <summary>XXH3-128 from the system libxxhash (the checksum CouchDB 3.4 writes), stored big-endian high then low.</summary>
public static partial class XxHash128
{
    private const string Library = "libxxhash.so.0";

    [StructLayout(LayoutKind.Sequential)]
    private struct Hash128
    {
        public ulong Low64;
        public ulong High64;
    }

    [LibraryImport(Library, EntryPoint = "XXH3_128bits")]
    private static unsafe partial Hash128 Native(byte* input, nuint length);

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Hash128 h;
        try
        {
            h = Compute(data);
        }
        catch (DllNotFoundException e)
        {
            throw new NativeLibraryMissingException(Library, "libxxhash0", e);
        }
        BinaryPrimitives.WriteUInt64BigEndian(destination, h.High64);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], h.Low64);
    }

    /// <summary>True when <paramref name="expected"/> is the checksum of <paramref name="data"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> expected)
    {
        Span<byte> actual = stackalloc byte[16];
        Hash(data, actual);
        return actual.SequenceEqual(expected);
    }

    private static unsafe Hash128 Compute(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            return Native(p, (nuint)data.Length);
        }
    }
}
