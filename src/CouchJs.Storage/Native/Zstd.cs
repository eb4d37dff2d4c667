using System.Runtime.InteropServices;

namespace CouchJs.Storage.Native;

/// <summary>
/// zstd one-shot (de)compression through the system libzstd.so.1. Each thread keeps one compression
/// and one decompression context: creating them per chunk costs more than compressing a node.
/// </summary>
internal static unsafe partial class Zstd
{
    private const string Library = "libzstd.so.1";

    [ThreadStatic]
    private static Context? t_compress;

    [ThreadStatic]
    private static Context? t_decompress;

    [LibraryImport(Library, EntryPoint = "ZSTD_compressBound")]
    private static partial nuint CompressBound(nuint srcSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_createCCtx")]
    private static partial nint CreateCCtx();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeCCtx")]
    private static partial nuint FreeCCtx(nint cctx);

    [LibraryImport(Library, EntryPoint = "ZSTD_createDCtx")]
    private static partial nint CreateDCtx();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeDCtx")]
    private static partial nuint FreeDCtx(nint dctx);

    [LibraryImport(Library, EntryPoint = "ZSTD_compressCCtx")]
    private static partial nuint CompressCCtx(nint cctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level);

    [LibraryImport(Library, EntryPoint = "ZSTD_decompressDCtx")]
    private static partial nuint DecompressDCtx(nint dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize);

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
        var context = t_compress ??= new Context(CreateCCtx(), compress: true);
        fixed (byte* s = source)
        fixed (byte* d = destination)
        {
            nuint n = CompressCCtx(context.Handle, d, (nuint)destination.Length, s, (nuint)source.Length, level);
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
        var context = t_decompress ??= new Context(CreateDCtx(), compress: false);
        fixed (byte* s = source)
        {
            ulong size = FrameContentSize(s, (nuint)source.Length);
            if (size > int.MaxValue) throw new InvalidDataException("zstd frame has no valid content size");
            var result = new byte[size];
            fixed (byte* d = result)
            {
                nuint n = DecompressDCtx(context.Handle, d, (nuint)result.Length, s, (nuint)source.Length);
                if (IsError(n) != 0 || n != (nuint)result.Length) throw new InvalidDataException("zstd frame is corrupt");
            }
            return result;
        }
    }

    /// <summary>A native context, freed by the finalizer once its thread is gone.</summary>
    private sealed class Context(nint handle, bool compress)
    {
        public nint Handle { get; } = handle != 0 ? handle : throw new OutOfMemoryException("zstd could not allocate a context");

        ~Context()
        {
            if (compress) FreeCCtx(Handle);
            else FreeDCtx(Handle);
        }
    }
}
