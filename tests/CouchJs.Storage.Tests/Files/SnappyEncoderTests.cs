using CouchJs.Storage.Compression;

namespace CouchJs.Storage.Tests.Files;

/// <summary>The in-house snappy encoder's output must decode with IronSnappy (the reference decoder here) to the input.</summary>
public class SnappyEncoderTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        int[] sizes = [0, 1, 4, 16, 17, 18, 60, 61, 255, 256, 257, 1279, 2048, 4096, 65535, 65536, 65537, 200_000, 1_000_000];
        foreach (int size in sizes)
            for (int kind = 0; kind < 4; kind++)
                data.Add(size, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodedChunksDecodeToTheInput(int size, int kind)
    {
        var input = Make(size, kind, seed: size * 7 + kind);
        byte[] output = new byte[16];
        int written = ChunkCompressor.Encode(FileCompression.Snappy, input, ref output, 0);
        var decoded = ChunkCompressor.Decode(output.AsSpan(0, written));
        Assert.Equal(input, decoded);
        // Kind 3 repeats a 3000-byte random pattern: only inputs holding several repeats compress.
        if ((kind == 2 && size >= 1024) || (kind == 3 && size >= 10_000))
        {
            Assert.Equal((byte)CompressionMethod.Snappy, output[0]);
            Assert.True(written < size / 2, $"{written} bytes for {size} compressible bytes");
        }
    }

    // 0: random (incompressible), 1: one byte repeated, 2: JSON-like text, 3: runs with long repeats far apart.
    private static byte[] Make(int size, int kind, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[size];
        switch (kind)
        {
            case 0:
                random.NextBytes(bytes);
                break;
            case 1:
                Array.Fill(bytes, (byte)'x');
                break;
            case 2:
                string[] words = ["{\"_id\":", "\"type\":\"order\",", "\"status\":", "\"open\"", "\"items\":[", "{\"sku\":", "12345", "}", "],"];
                for (int i = 0; i < size;)
                {
                    var word = System.Text.Encoding.ASCII.GetBytes(words[random.Next(words.Length)]);
                    int n = Math.Min(word.Length, size - i);
                    word.AsSpan(0, n).CopyTo(bytes.AsSpan(i));
                    i += n;
                }
                break;
            default:
                var pattern = new byte[3000];
                random.NextBytes(pattern);
                for (int i = 0; i < size; i++) bytes[i] = random.Next(50) == 0 ? (byte)random.Next(256) : pattern[i % pattern.Length];
                break;
        }
        return bytes;
    }
}
