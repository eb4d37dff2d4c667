using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CouchJs.Views.Design;

/// <summary>JSON values re-written minified, as bytes the signature and the query server take.</summary>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The value minified, members in their stored order.</summary>
    public static byte[] Raw(JsonElement value) => Write(value, sortMembers: false);

    /// <summary>The value minified with object members sorted by name at every depth (couch_index_util:sort_lib).</summary>
    public static byte[] Sorted(JsonElement value) => Write(value, sortMembers: true);

    private static byte[] Write(JsonElement value, bool sortMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) WriteValue(writer, value, sortMembers);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement value, bool sortMembers)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var members = value.EnumerateObject().ToList();
                if (sortMembers) members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (var member in members)
                {
                    writer.WritePropertyName(member.Name);
                    WriteValue(writer, member.Value, sortMembers);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray()) WriteValue(writer, item, sortMembers);
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
