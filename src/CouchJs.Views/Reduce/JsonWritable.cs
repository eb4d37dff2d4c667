using System.Buffers;

namespace CouchJs.Views.Reduce;

/// <summary>A reduce-side value that writes itself as JSON.</summary>
internal interface IJsonWritable
{
    void Write(ArrayBufferWriter<byte> output);
}

internal static class JsonWritable
{
    /// <summary>Writes <paramref name="items"/> as a JSON array.</summary>
    public static void WriteArray<T>(ArrayBufferWriter<byte> output, List<T> items) where T : IJsonWritable
    {
        output.Write("["u8);
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) output.Write(","u8);
            items[i].Write(output);
        }
        output.Write("]"u8);
    }
}
