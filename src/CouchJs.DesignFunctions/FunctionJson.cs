using System.Text.Encodings.Web;
using System.Text.Json;

namespace CouchJs.DesignFunctions;

/// <summary>JSON settings for what goes to query servers: compact, UTF-8 as is (no \u-escaping of non-ASCII).</summary>
internal static class FunctionJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };
}
