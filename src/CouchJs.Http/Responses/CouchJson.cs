using System.Text.Encodings.Web;
using System.Text.Json;

namespace CouchJs.Http.Responses;

/// <summary>JSON settings shared by every response: UTF-8 as is (CouchDB does not \u-escape non-ASCII), compact.</summary>
public static class CouchJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4096 };
}
