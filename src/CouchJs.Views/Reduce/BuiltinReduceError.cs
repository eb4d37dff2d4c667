using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CouchJs.Views.Reduce;

/// <summary>
/// The object a built-in reduction becomes when it cannot be computed, as CouchDB stores and shows it:
/// <c>{"error":"builtin_reduce_error","reason":…[,"caused_by":…]}</c>.
/// </summary>
internal static class BuiltinReduceError
{
    public const string Name = "builtin_reduce_error";

    /// <summary>couch_query_servers' SUMERROR.</summary>
    public const string SumReason =
        "The _sum function requires that map values be numbers, arrays of numbers, or objects. " +
        "Objects cannot be mixed with other data structures. Objects can be arbitrarily nested, " +
        "provided that the values for all fields are themselves numbers, arrays of numbers, or objects.";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Json(string reason, Ejson? causedBy = null)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("error"u8, Name);
            writer.WriteString("reason"u8, reason);
            if (causedBy is not null)
            {
                writer.WritePropertyName("caused_by"u8);
                writer.WriteRawValue(causedBy.ToJson(), skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }
}
