using System.Runtime.InteropServices;

namespace CouchJs.Storage.Native;

/// <summary>zstd one-shot (de)compression through the system libzstd.so.1.</summary>
internal static unsafe partial class Zstd
{
    private const string Library = "libzstd.so.1";

    [LibraryImport(Library, EntryPoint = "ZSTD_compressBound")]
    private static partial nuint CompressBound(nuint srcSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_compress")]
    private static partial nuint Compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level);

    [LibraryImport(Library, EntryPoint = "ZSTD_decompress")]
    private static partial nuint Decompress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_getFrameContentSize")]
    private static partial ulong FrameContentSize(byte* src, nuint srcSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    private static partial uint IsError(nuint code);

    public static int MaxCompressedLength(int length)
    {
        try
        {
            return (int)CompressBound((nuint)length);
        }
        catch (DllNotFoundException e)
        {
            throw new NativeLibraryMissingException(Library, "libzstd1", e);
        }
    }

    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        fixed (byte* s = source)
        fixed (byte* d = destination)
        {
            nuint n = Compress(d, (nuint)destination.Length, s, (nuint)source.Length, level);
            if (IsError(n) != 0) throw new InvalidDataException("zstd compression failed");
            return (int)n;
        }
    }

    public static byte[] Decompress(ReadOnlySpan<byte> source)
    {
        try
        {
            return DecompressFrame(source);
        }
        catch (DllNotFoundException e)
        {
            throw new NativeLibraryMissingException(Library, "libzstd1", e);
        }
    }

    private static byte[] DecompressFrame(ReadOnlySpan<byte> source)
    {
        fixed (byte* s = source)
        {
            ulong size = FrameContentSize(s, (nuint)source.Length);
            if (size > int.MaxValue) throw new InvalidDataException("zstd frame has no valid content size");
            var result = new byte[size];
            fixed (byte* d = result)
            {
                nuint n = Decompress(d, (nuint)result.Length, s, (nuint)source.Length);
                if (IsError(n) != 0 || n != (nuint)result.Length) throw new InvalidDataException("zstd frame is corrupt");
            }
            return result;
        }
    }
}
